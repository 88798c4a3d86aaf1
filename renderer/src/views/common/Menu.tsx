/**
 * A popup menu (WAI-ARIA menu): focus starts on `initial`, arrows, Home and End
 * move, Enter or Space chooses, Esc or Tab closes; a click elsewhere closes it.
 * Whoever opened it gets `onClose(refocus)` and puts the focus back.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Shown under the label in smaller type. */
  hint?: string;
}

interface Props {
  id?: string;
  items: MenuItem[];
  initial: number;
  labelledBy?: string;
  label?: string;
  /** `refocus`: give the focus back to the opener (not when Tab moves on, or a click went elsewhere). */
  onClose: (refocus: boolean) => void;
  /** Clicks inside this element do not count as "elsewhere" (the opener toggles itself). */
  anchor?: React.RefObject<HTMLElement | null>;
}

export function Menu({ id, items, initial, labelledBy, label, onClose, anchor }: Props) {
  const [focusAt, setFocusAt] = useState(initial);
  const menu = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusAt]?.focus();
  }, [focusAt]);

  useEffect(() => {
    const away = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !anchor?.current?.contains(target)) onCloseRef.current(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [anchor]);

  const onKeyDown = (e: KeyboardEvent) => {
    const n = items.length;
    const moves: Record<string, number> = {
      ArrowDown: (focusAt + 1) % n,
      ArrowUp: (focusAt - 1 + n) % n,
      Home: 0,
      End: n - 1,
    };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      setFocusAt(to);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'Tab') onClose(false);
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    onClose(true);
    item.onSelect();
  };

  return (
    <div
      ref={menu}
      id={id}
      role="menu"
      className="menu"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={i === focusAt ? 0 : -1}
          aria-disabled={item.disabled || undefined}
          className="menu-item"
          onClick={() => choose(item)}
          onFocus={() => setFocusAt(i)}
        >
          <span>{item.label}</span>
          {item.hint && <span className="menu-hint">{item.hint}</span>}
        </button>
      ))}
    </div>
  );
}
