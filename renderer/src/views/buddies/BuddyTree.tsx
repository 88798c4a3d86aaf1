/**
 * The buddies, group by group, virtualized (@tanstack/react-virtual): a roster
 * of thousands renders the few rows on screen. One Tab stop for the whole list;
 * Up, Down, Home and End move (scrolling the row in), Enter opens, Left folds a
 * group, Right unfolds it (on a buddy, Right or Shift+F10 opens its actions).
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import { useBuddyStore } from '../../store/buddy-store';
import { BuddyRow } from './BuddyRow';
import { GroupRow } from './GroupRow';
import { groupBuddies, rowKey, toRows } from './grouping';

export function BuddyTree() {
  const buddies = useBuddyStore((s) => s.buddies);
  const filter = useBuddyStore((s) => s.filter);
  const accounts = useAppStore((s) => s.accounts);
  const [folded, setFolded] = useState<Record<string, boolean>>({});
  const rows = useMemo(() => {
    // Our own address is not a buddy (servers may push it with our other devices' presence).
    const own = new Set(accounts.map((a) => `${a.accountId}\n${a.name}`));
    const groups = groupBuddies(
      Object.values(buddies).filter((b) => !own.has(`${b.accountId}\n${b.peer}`)),
      filter,
    );
    return toRows(groups, filter ? {} : folded);
  }, [buddies, filter, accounts, folded]);
  const [activeKey, setActiveKey] = useState<string>();
  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => rowKey(r) === activeKey),
  );
  const scroller = useRef<HTMLDivElement>(null);

  // The row with the Tab stop stays rendered even when scrolled away, so focus is never lost.
  const rangeExtractor = useCallback(
    (range: Range) => [...new Set([activeIndex, ...defaultRangeExtractor(range)])].sort((a, b) => a - b),
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? 34 : 36),
    overscan: 10,
    getItemKey: (i) => (rows[i] ? rowKey(rows[i]) : i),
    rangeExtractor,
  });

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(rowKey(row));
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-nav-row]`)?.focus(),
    );
  };

  const toggle = (name: string) => setFolded((f) => ({ ...f, [name]: !f[name] }));

  const onKeyDown = (e: KeyboardEvent) => {
    const row = rows[activeIndex];
    const to = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusRow(Math.max(0, Math.min(rows.length - 1, to)));
    } else if (
      row?.kind === 'group' &&
      ((e.key === 'ArrowLeft' && !row.folded) || (e.key === 'ArrowRight' && row.folded))
    ) {
      e.preventDefault();
      toggle(row.group.name);
    } else if (row?.kind === 'buddy' && e.key === 'ArrowLeft') {
      e.preventDefault();
      focusRow(rows.findIndex((r) => r.kind === 'group' && r.group.name === row.group));
    }
  };

  if (rows.length === 0) {
    return (
      <p className="muted empty-buddies" data-testid="no-buddies">
        {filter ? `No buddy matches “${filter}”.` : 'No buddies yet. Add one, or wait for a message.'}
      </p>
    );
  }

  return (
    <div ref={scroller} className="buddy-tree" onKeyDown={onKeyDown}>
      <div role="list" aria-label="Buddies" className="buddy-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const tabIndex = item.index === activeIndex ? 0 : -1;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="buddy-slot"
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={() => setActiveKey(rowKey(row))}
              {...(row.kind === 'buddy'
                ? { 'data-testid': 'buddy', 'data-peer': row.buddy.peer, 'data-group': row.group }
                : { 'data-group-heading': row.group.name })}
            >
              {row.kind === 'group' ? (
                <GroupRow
                  group={row.group}
                  folded={row.folded}
                  onToggle={() => toggle(row.group.name)}
                  tabIndex={tabIndex}
                />
              ) : (
                <BuddyRow buddy={row.buddy} showAccount={accounts.length > 1} tabIndex={tabIndex} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
