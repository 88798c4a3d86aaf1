/** The buddies, group by group; one Tab stop, arrows move, each group folds. */
import { useMemo, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { useBuddyStore } from '../../store/buddy-store';
import { Icon } from '../common/Icon';
import { useRovingFocus } from '../common/useRovingFocus';
import { BuddyRow } from './BuddyRow';
import { groupBuddies } from './grouping';

export function BuddyTree() {
  const buddies = useBuddyStore((s) => s.buddies);
  const filter = useBuddyStore((s) => s.filter);
  const accounts = useAppStore((s) => s.accounts);
  const accountCount = accounts.length;
  const groups = useMemo(() => {
    // Our own address is not a buddy (servers may push it with our other devices' presence).
    const own = new Set(accounts.map((a) => `${a.accountId}\n${a.name}`));
    return groupBuddies(
      Object.values(buddies).filter((b) => !own.has(`${b.accountId}\n${b.peer}`)),
      filter,
    );
  }, [buddies, filter, accounts]);
  const [folded, setFolded] = useState<Record<string, boolean>>({});
  const { ref, onKeyDown } = useRovingFocus<HTMLDivElement>();

  if (groups.length === 0) {
    return (
      <p className="muted empty-buddies" data-testid="no-buddies">
        {filter ? `No buddy matches “${filter}”.` : 'No buddies yet. Add one, or wait for a message.'}
      </p>
    );
  }

  return (
    <div ref={ref} className="buddy-tree" onKeyDown={onKeyDown}>
      {groups.map((g, i) => {
        const isFolded = !filter && folded[g.name];
        const listId = `buddy-group-${i}`;
        return (
          <section key={g.name} className="buddy-group">
            <h3 className="group-heading">
              <button
                type="button"
                className="group-toggle"
                aria-expanded={!isFolded}
                aria-controls={listId}
                data-nav-item={`group\n${g.name}`}
                onClick={() => setFolded((f) => ({ ...f, [g.name]: !f[g.name] }))}
              >
                <Icon name="chevron" className={isFolded ? '' : 'rotated'} />
                {g.name}
                <span className="group-count">
                  {g.online}/{g.buddies.length} online
                </span>
              </button>
            </h3>
            {!isFolded && (
              <ul id={listId} className="buddy-list" aria-label={g.name}>
                {g.buddies.map((b) => (
                  <BuddyRow key={`${b.accountId}\n${b.peer}`} buddy={b} group={g.name} showAccount={accountCount > 1} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
