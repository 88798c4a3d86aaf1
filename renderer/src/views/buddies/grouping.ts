/** Buddies sorted into their roster groups, filtered by the search box. */
import type { Buddy } from '../../../../app/api/contract';
import { AVAILABILITY_RANK } from './presence';

export const NO_GROUP = 'Buddies';

export interface BuddyGroup {
  name: string;
  buddies: Buddy[];
  online: number;
}

const label = (b: Buddy) => (b.name || b.peer).toLowerCase();

export function groupBuddies(buddies: Buddy[], filter: string): BuddyGroup[] {
  const needle = filter.trim().toLowerCase();
  const groups = new Map<string, Buddy[]>();
  for (const b of buddies) {
    if (needle && !label(b).includes(needle) && !b.peer.toLowerCase().includes(needle)) continue;
    for (const g of b.groups.length > 0 ? b.groups : [NO_GROUP]) {
      const list = groups.get(g) ?? [];
      list.push(b);
      groups.set(g, list);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b)))
    .map(([name, list]) => ({
      name,
      buddies: list.sort((x, y) => AVAILABILITY_RANK[x.presence.availability] - AVAILABILITY_RANK[y.presence.availability] || label(x).localeCompare(label(y))),
      online: list.filter((b) => b.presence.availability !== 'offline').length,
    }));
}
