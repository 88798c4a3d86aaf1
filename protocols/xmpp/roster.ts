/**
 * RFC 6121 §2 (roster management): the buddy list as the server keeps it,
 * loaded by a roster get (§2.1.3) and kept current by roster pushes (§2.1.6),
 * with groups, the subscription state and a pending outgoing request (ask).
 */
import type { Element } from '@xmpp/xml';
import type { RosterEntry } from '../adapter';
import { formatBare, parseJid } from './jid';
import { NS_ROSTER } from './stanzas';

const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both']);
/** More groups than anyone files a buddy under; the cap keeps a hostile roster small. */
const MAX_GROUPS = 64;

export type RosterChange = { kind: 'set'; entry: RosterEntry } | { kind: 'remove'; peer: string };

/** One <item/>; undefined when it has no valid address. */
export function parseItem(item: Element): RosterChange | undefined {
  const jid = parseJid(item.attrs.jid ?? '');
  if (!jid || jid.resource) return undefined;
  const peer = formatBare(jid);
  const subscription = item.attrs.subscription ?? 'none';
  if (subscription === 'remove') return { kind: 'remove', peer };
  // A set, in no order on the server (Prosody keeps them in a hash): sorted, so one roster reads one way.
  const groups = [...new Set(item.getChildren('group').map((g) => g.getText().trim()))]
    .filter((g) => g.length > 0)
    .sort()
    .slice(0, MAX_GROUPS);
  const entry: RosterEntry = {
    peer,
    groups,
    subscription: (SUBSCRIPTIONS.has(subscription) ? subscription : 'none') as RosterEntry['subscription'],
  };
  const name = item.attrs.name?.trim();
  if (name) entry.name = name;
  if (item.attrs.ask === 'subscribe') entry.pending = true;
  return { kind: 'set', entry };
}

export class Roster {
  private readonly entries = new Map<string, RosterEntry>();

  /** Replaces everything with a roster get result; returns how many items were unusable. */
  replace(query: Element | undefined): number {
    this.entries.clear();
    let bad = 0;
    for (const item of query?.getChildren('item', NS_ROSTER) ?? []) {
      const change = parseItem(item);
      if (change?.kind === 'set') this.entries.set(change.entry.peer, change.entry);
      else if (!change) bad += 1;
    }
    return bad;
  }

  /** Applies a push; false when it was not a valid push (§2.1.6: exactly one item). */
  push(query: Element): boolean {
    const items = query.getChildren('item', NS_ROSTER);
    const change = items.length === 1 && items[0] ? parseItem(items[0]) : undefined;
    if (!change) return false;
    if (change.kind === 'remove') this.entries.delete(change.peer);
    else this.entries.set(change.entry.peer, change.entry);
    return true;
  }

  get(peer: string): RosterEntry | undefined {
    return this.entries.get(peer);
  }

  list(): RosterEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, groups: [...e.groups] }));
  }
}
