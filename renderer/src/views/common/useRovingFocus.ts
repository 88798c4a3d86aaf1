/**
 * Roving focus for a list of items (buddies, key rows): one Tab stop for the
 * whole list, arrows, Home and End move between the items marked
 * `data-nav-item`. The item last focused keeps the Tab stop.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const ITEMS = '[data-nav-item]';

export function useRovingFocus<T extends HTMLElement>(): { ref: RefObject<T | null>; onKeyDown: (e: KeyboardEvent) => void } {
  const ref = useRef<T>(null);
  const current = useRef<string | null>(null);

  // After every render, exactly one item is in the Tab order.
  useEffect(() => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const keep = items.find((el) => el.dataset.navItem === current.current) ?? items[0];
    for (const el of items) el.tabIndex = el === keep ? 0 : -1;
  });

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onFocus = (e: FocusEvent) => {
      const item = (e.target as HTMLElement).closest<HTMLElement>(ITEMS);
      if (!item || !root.contains(item)) return;
      current.current = item.dataset.navItem ?? null;
      for (const el of root.querySelectorAll<HTMLElement>(ITEMS)) el.tabIndex = el === item ? 0 : -1;
    };
    root.addEventListener('focusin', onFocus);
    return () => root.removeEventListener('focusin', onFocus);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const at = items.findIndex((el) => el === document.activeElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  };

  return { ref, onKeyDown };
}
