/**
 * A button that opens a menu (WAI-ARIA menu button): Enter, Space or Down opens
 * it on the first item, Up on the last; the menu itself is ./Menu.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Menu, type MenuItem } from './Menu';

export type { MenuItem } from './Menu';

interface Props {
  /** The button's content. */
  children: ReactNode;
  /** The button's accessible name when its content is not enough. */
  label?: string;
  items: MenuItem[];
  className?: string;
  testId?: string;
}

export function MenuButton({ children, label, items, className, testId }: Props) {
  const [openAt, setOpenAt] = useState<number>();
  const menuId = useId();
  const buttonId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const open = openAt !== undefined;

  const close = (refocus: boolean) => {
    setOpenAt(undefined);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setOpenAt(0);
    else if (e.key === 'ArrowUp') setOpenAt(items.length - 1);
    else return;
    e.preventDefault();
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
        data-testid={testId}
        onClick={() => (open ? close(false) : setOpenAt(0))}
        onKeyDown={onKeyDown}
      >
        {children}
      </button>
      {open && (
        <Menu id={menuId} items={items} initial={openAt} labelledBy={buttonId} onClose={close} anchor={button} />
      )}
    </span>
  );
}
