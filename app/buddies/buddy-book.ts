/**
 * The buddy list across accounts: roster entries as each adapter reports them,
 * presence per login (instance) folded into one for the buddy, and unread counts.
 */
import type { Availability, Presence, RosterEntry } from '../../protocols/adapter';
import type { Buddy } from '../api/shapes';

/** Most reachable first: a buddy shows the best of their logins. */
const RANK: Record<Availability, number> = { available: 0, dnd: 1, away: 2, xa: 3, invisible: 4, offline: 5 };

interface Entry {
  roster?: RosterEntry;
  /** Presence per instance ('' for networks without instances). */
  presences: Map<string, Presence>;
  unread: number;
}

const key = (accountId: string, peer: string) => `${accountId}\n${peer}`;

export class BuddyBook {
  private readonly entries = new Map<string, Entry & { accountId: string; peer: string }>();

  private entry(accountId: string, peer: string) {
    const k = key(accountId, peer);
    let e = this.entries.get(k);
    if (!e) this.entries.set(k, (e = { accountId, peer, presences: new Map(), unread: 0 }));
    return e;
  }

  /** Replaces an account's roster; returns the buddies that changed and those that left it. */
  setRoster(accountId: string, roster: readonly RosterEntry[]): { changed: Buddy[]; removed: string[] } {
    const inRoster = new Set(roster.map((r) => r.peer));
    const removed: string[] = [];
    for (const e of this.entries.values()) {
      if (e.accountId === accountId && e.roster && !inRoster.has(e.peer)) {
        delete e.roster;
        removed.push(e.peer);
      }
    }
    const changed = roster.map((r) => {
      this.entry(accountId, r.peer).roster = r;
      return this.buddy(accountId, r.peer);
    });
    return { changed, removed };
  }

  setPresence(accountId: string, p: Presence): Buddy {
    const e = this.entry(accountId, p.peer);
    if (p.availability === 'offline') e.presences.delete(p.instance ?? '');
    else e.presences.set(p.instance ?? '', p);
    return this.buddy(accountId, p.peer);
  }

  /** The account went offline: everyone on it is offline as far as we know. */
  accountOffline(accountId: string): Buddy[] {
    const out: Buddy[] = [];
    for (const e of this.entries.values()) {
      if (e.accountId !== accountId || e.presences.size === 0) continue;
      e.presences.clear();
      out.push(this.buddy(accountId, e.peer));
    }
    return out;
  }

  addUnread(accountId: string, peer: string): Buddy {
    this.entry(accountId, peer).unread += 1;
    return this.buddy(accountId, peer);
  }

  markRead(accountId: string, peer: string): Buddy {
    this.entry(accountId, peer).unread = 0;
    return this.buddy(accountId, peer);
  }

  unread(accountId: string, peer: string): number {
    return this.entries.get(key(accountId, peer))?.unread ?? 0;
  }

  forgetAccount(accountId: string): void {
    for (const [k, e] of this.entries) if (e.accountId === accountId) this.entries.delete(k);
  }

  buddy(accountId: string, peer: string): Buddy {
    const e = this.entry(accountId, peer);
    const best = [...e.presences.values()].sort((a, b) => RANK[a.availability] - RANK[b.availability])[0];
    return {
      accountId,
      peer,
      ...(e.roster?.name ? { name: e.roster.name } : {}),
      groups: e.roster?.groups ?? [],
      subscription: e.roster?.subscription ?? 'none',
      pending: e.roster?.pending ?? false,
      presence: best
        ? { availability: best.availability, ...(best.status ? { status: best.status } : {}) }
        : { availability: 'offline' },
      unread: e.unread,
    };
  }

  /** Everyone in a roster, plus anyone who wrote to us (so their unread count shows). */
  list(): Buddy[] {
    return [...this.entries.values()]
      .filter((e) => e.roster || e.unread > 0)
      .map((e) => this.buddy(e.accountId, e.peer));
  }
}
