/** A presence icon whose shape says the state (never colour alone), with its name for screen readers. */
import type { Availability } from '../../store/app-store';
import { AVAILABILITY_LABEL } from './presence';

const SHAPES: Record<Availability, string> = {
  available: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M6.5 10l2.5 2.5 4.5-5',
  away: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M10 6v4.5l3 1.5',
  xa: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M10 6v4.5l3 1.5 M6 6l8 8',
  dnd: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M6 10h8',
  invisible: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M3 3l14 14',
  offline: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14z',
};

/** `hidden` when the words are already beside it (a buddy row says the state in text). */
export function PresenceIcon({ availability, hidden = false }: { availability: Availability; hidden?: boolean }) {
  const label = AVAILABILITY_LABEL[availability];
  return (
    <svg
      className={`presence presence-${availability}`}
      viewBox="0 0 20 20"
      width="16"
      height="16"
      {...(hidden ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
      data-presence={availability}
    >
      <title>{label}</title>
      <path
        d={SHAPES[availability]}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
