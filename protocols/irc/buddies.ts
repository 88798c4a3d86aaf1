/**
 * RFC 2812 §4.9 (ISON) and IRCv3 MONITOR over the life of an account: the
 * buddy list (presence.ts Roster), and over each registered connection the
 * PresenceWatch that keeps its presence current, by MONITOR when the server
 * offers it (RPL_ISUPPORT), else by ISON.
 */
import type { Presence, RosterEntry } from '../adapter';
import { PresenceWatch, Roster } from './presence';

export interface BuddyEvents {
  presence(presence: Presence): void;
  /** The whole list, after every change. */
  roster(entries: RosterEntry[]): void;
}

export class Buddies {
  readonly roster: Roster;
  private watch: PresenceWatch | undefined;
  private monitor = false;

  constructor(
    fold: (nick: string) => string,
    private readonly events: BuddyEvents,
  ) {
    this.roster = new Roster(fold);
  }

  /** The watch of the connection that is registered, if one is. */
  get watcher(): PresenceWatch | undefined {
    return this.watch;
  }

  /** Whether the server offers MONITOR, as its RPL_ISUPPORT says. */
  serverOffersMonitor(offered: boolean): void {
    this.monitor = offered;
  }

  /** Registered: watch every buddy over this connection, and say who they are. */
  startWatching(send: (line: string) => void): void {
    this.watch = new PresenceWatch(this.roster, this.monitor ? 'monitor' : 'ison', send, this.events.presence);
    this.watch.start();
    this.events.roster(this.roster.list());
  }

  stopWatching(): void {
    this.watch?.stop();
    this.watch = undefined;
  }

  /** Our connection is gone: no buddy is known online any more. */
  allOffline(): void {
    for (const presence of this.roster.allOffline()) this.events.presence(presence);
  }

  add(peer: string, options?: { name?: string | undefined; groups?: string[] | undefined }): void {
    this.roster.add(peer, options);
    this.events.roster(this.roster.list());
    this.watch?.added(peer);
  }

  remove(peer: string): void {
    if (!this.roster.remove(peer)) return;
    this.events.roster(this.roster.list());
    this.watch?.removed(peer);
  }
}
