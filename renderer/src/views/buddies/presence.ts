/** Presence in words: the status selector's choices and every icon's label. */
import type { Availability } from '../../store/app-store';

export const AVAILABILITY_LABEL: Record<Availability, string> = {
  available: 'Available',
  away: 'Away',
  dnd: 'Busy',
  xa: 'Extended away',
  invisible: 'Invisible',
  offline: 'Offline',
};

/** What the status selector offers (Extended away is shown for buddies, not chosen). */
export const SELECTABLE: Availability[] = ['available', 'away', 'dnd', 'invisible', 'offline'];

/** Sorting: who can answer now comes first. */
export const AVAILABILITY_RANK: Record<Availability, number> = {
  available: 0,
  dnd: 1,
  away: 2,
  xa: 3,
  invisible: 4,
  offline: 5,
};
