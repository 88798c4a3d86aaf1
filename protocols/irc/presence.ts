/**
 * Presence on IRC, which has no buddy list and no presence of its own, only
 * what a client can ask or overhear. What this maps, and how far to trust it:
 * - online/offline: IRCv3 MONITOR (730/731) where the server offers it, else
 *   RFC 2812 §4.9 ISON asked every minute; both also follow QUIT and NICK seen
 *   in shared channels, and a message from a buddy means they are online.
 * - away: RFC 2812 §4.1 AWAY, seen only when the server tells us, i.e. with
 *   IRCv3 away-notify or in RPL_AWAY (301) when we message someone away.
 * The roster is the list of nicks the user added (the app keeps it); a nick is
 * not an identity on IRC: anyone may take a nick its owner is not using.
 */
import type { Availability, Presence, RosterEntry } from '../adapter';
import { splitLine } from './split';

export const ISON_INTERVAL_MS = 60_000;

export class Roster {
  private readonly entries = new Map<string, RosterEntry>();
  private readonly seen = new Map<string, Presence>();

  constructor(private readonly fold: (nick: string) => string) {}

  /** Every buddy counts as mutually subscribed: on IRC anyone may see anyone's presence. */
  add(peer: string, options: { name?: string | undefined; groups?: string[] | undefined } = {}): void {
    this.entries.set(this.fold(peer), {
      peer,
      ...(options.name === undefined ? {} : { name: options.name }),
      groups: options.groups ?? [],
      subscription: 'both',
    });
  }

  remove(peer: string): boolean {
    this.seen.delete(this.fold(peer));
    return this.entries.delete(this.fold(peer));
  }

  has(peer: string): boolean {
    return this.entries.has(this.fold(peer));
  }

  list(): RosterEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, groups: [...e.groups] }));
  }

  peers(): string[] {
    return [...this.entries.values()].map((e) => e.peer);
  }

  /** Records a buddy's presence; returns it when it changed, for the event. */
  set(peer: string, availability: Availability, status?: string): Presence | undefined {
    const entry = this.entries.get(this.fold(peer));
    if (!entry) return undefined;
    const before = this.seen.get(this.fold(peer));
    if (before && before.availability === availability && before.status === status) return undefined;
    const presence: Presence = { peer: entry.peer, availability, ...(status ? { status } : {}) };
    this.seen.set(this.fold(peer), presence);
    return presence;
  }

  /** A sign of life: online, but an away we already know of stays. */
  alive(peer: string): Presence | undefined {
    const before = this.seen.get(this.fold(peer));
    if (before && before.availability !== 'offline') return undefined;
    return this.set(peer, 'available');
  }

  /** Our connection is gone: we no longer know; every buddy we had seen goes offline. */
  allOffline(): Presence[] {
    const changed: Presence[] = [];
    for (const presence of this.seen.values()) {
      if (presence.availability !== 'offline') {
        const next = this.set(presence.peer, 'offline');
        if (next) changed.push(next);
      }
    }
    return changed;
  }
}

/** ISON lines for `nicks`, each short enough for one line. */
export function isonLines(nicks: string[], maxBytes = 400): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  for (const nick of nicks) {
    if (current.length > 0 && Buffer.byteLength(`ISON ${[...current, nick].join(' ')}`) > maxBytes) {
      lines.push(`ISON ${current.join(' ')}`);
      current = [];
    }
    current.push(nick);
  }
  if (current.length > 0) lines.push(`ISON ${current.join(' ')}`);
  return lines;
}

/**
 * Keeps the roster's presence current over one connection: MONITOR when the
 * server has it, ISON polling otherwise. ISON answers (303) come in the order
 * asked and name only those online, so each answer is matched to its question.
 */
export class PresenceWatch {
  private pendingIson: string[][] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly roster: Roster,
    private readonly mode: 'monitor' | 'ison',
    private readonly send: (line: string) => void,
    private readonly changed: (presence: Presence) => void,
  ) {}

  start(): void {
    if (this.mode === 'monitor') {
      this.monitor('+', this.roster.peers());
    } else {
      this.poll();
      this.timer = setInterval(() => this.poll(), ISON_INTERVAL_MS);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.pendingIson = [];
  }

  added(peer: string): void {
    if (this.mode === 'monitor') this.monitor('+', [peer]);
    else this.ask([peer]);
  }

  removed(peer: string): void {
    if (this.mode === 'monitor') this.monitor('-', [peer]);
  }

  /** RPL_ISON (303), or RPL_MONONLINE (730) in monitor mode. */
  online(nicks: string[]): void {
    if (this.mode === 'ison') {
      const asked = this.pendingIson.shift() ?? [];
      const present = new Set(nicks.map((n) => n.toLowerCase()));
      for (const nick of asked) this.update(nick, present.has(nick.toLowerCase()) ? 'available' : 'offline');
      return;
    }
    for (const nick of nicks) this.update(nick, 'available');
  }

  /** RPL_MONOFFLINE (731). */
  offline(nicks: string[]): void {
    for (const nick of nicks) this.update(nick, 'offline');
  }

  private update(nick: string, availability: 'available' | 'offline'): void {
    const presence = availability === 'available' ? this.roster.alive(nick) : this.roster.set(nick, 'offline');
    if (presence) this.changed(presence);
  }

  private poll(): void {
    this.ask(this.roster.peers());
  }

  private ask(nicks: string[]): void {
    for (const line of isonLines(nicks)) {
      this.pendingIson.push(line.split(' ').slice(1));
      this.send(line);
    }
  }

  private monitor(op: '+' | '-', nicks: string[]): void {
    if (nicks.length === 0) return;
    for (const line of isonLines(nicks)) this.send(`MONITOR ${op} ${line.split(' ').slice(1).join(',')}`);
  }
}

const AWAY_TEXT: Partial<Record<Availability, string>> = { away: 'Away', xa: 'Away', dnd: 'Busy' };

/** RFC 2812 §4.1 AWAY: no text means back; the text is one short line. */
export function awayLine(availability: Availability, status?: string): string {
  if (availability === 'available') return 'AWAY';
  const text = (status ?? '').replace(/[\r\n\0]+/g, ' ').trim() || (AWAY_TEXT[availability] ?? 'Away');
  return `AWAY :${splitLine(text, 200)[0] ?? 'Away'}`;
}
