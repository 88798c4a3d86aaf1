/** Buddies sorted into their roster groups, filtered by the search box, flattened into the rows the list shows. */
import type { Buddy } from '../../../../app/api/shapes';
import { AVAILABILITY_RANK } from './presence';

export const NO_GROUP = 'Buddies';

export interface BuddyGroup {
  name: string;
  buddies: Buddy[];
  online: number;
}

export type Row =
  { kind: 'group'; group: BuddyGroup; folded: boolean } | { kind: 'buddy'; buddy: Buddy; group: string };

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
      buddies: list.sort(
        (x, y) =>
          AVAILABILITY_RANK[x.presence.availability] - AVAILABILITY_RANK[y.presence.availability] ||
          label(x).localeCompare(label(y)),
      ),
      online: list.filter((b) => b.presence.availability !== 'offline').length,
    }));
}

/** One row per group heading and per buddy of an unfolded group. */
export function toRows(groups: BuddyGroup[], folded: Record<string, boolean>): Row[] {
  const rows: Row[] = [];
  for (const group of groups) {
    const isFolded = Boolean(folded[group.name]);
    rows.push({ kind: 'group', group, folded: isFolded });
    if (!isFolded) for (const buddy of group.buddies) rows.push({ kind: 'buddy', buddy, group: group.name });
  }
  return rows;
}

export const rowKey = (r: Row): string =>
  r.kind === 'group' ? `group\n${r.group.name}` : `${r.group}\n${r.buddy.accountId}\n${r.buddy.peer}`;
