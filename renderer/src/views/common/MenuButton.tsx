/**
 * A button that opens a menu (WAI-ARIA menu button): Enter, Space or Down opens
 * it on the first item, Up on the last; arrows, Home and End move; Esc or Tab
 * closes it and focus returns to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Shown under the label in smaller type. */
  hint?: string;
}

interface Props {
  /** The button's content. */
  children: ReactNode;
  /** The button's accessible name when its content is not enough. */
  label?: string;
  items: MenuItem[];
  className?: string;
  /** Opens the menu at once (a context-menu key pressed elsewhere). */
  openSignal?: number;
  tabIndex?: number;
  testId?: string;
}

export function MenuButton({ children, label, items, className, openSignal, tabIndex, testId }: Props) {
  const [open, setOpen] = useState(false);
  const [focusAt, setFocusAt] = useState(0);
  const menuId = useId();
  const buttonId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (openSignal) show(0);
  }, [openSignal]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusAt]?.focus();
  }, [open, focusAt]);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  function show(at: number) {
    setFocusAt(at);
    setOpen(true);
  }

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') show(0);
    else if (e.key === 'ArrowUp') show(items.length - 1);
    else return;
    e.preventDefault();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const n = items.length;
    const moves: Record<string, number> = { ArrowDown: (focusAt + 1) % n, ArrowUp: (focusAt - 1 + n) % n, Home: 0, End: n - 1 };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      setFocusAt(to);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  return (
    <span className="menu-anchor">
      <button
        ref={button}
        id={buttonId}
        type="button"
        className={className}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        tabIndex={tabIndex}
        data-testid={testId}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open && (
        <div ref={menu} id={menuId} role="menu" className="menu" aria-labelledby={buttonId} onKeyDown={onMenuKey}>
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
      )}
    </span>
  );
}
