/**
 * RFC 2812 §3.2 (channel operations: JOIN, PART, KICK), §3.2.5 (NAMES and
 * RPL_NAMREPLY), §3.1.2 (NICK) and §3.1.7 (QUIT): which channels we want to be
 * in (joined again after a reconnect) and who is in each one we are in.
 * Names are compared folded (the server's CASEMAPPING), shown as first seen.
 */

export class Channels {
  /** Channels the user wants to be in: folded name → name as given. */
  private readonly wanted = new Map<string, string>();
  /** Channels we are in: folded name → (folded nick → nick). */
  private readonly members = new Map<string, Map<string, string>>();

  constructor(private readonly fold: (name: string) => string) {}

  want(room: string): void {
    if (!this.wanted.has(this.fold(room))) this.wanted.set(this.fold(room), room);
  }

  unwant(room: string): void {
    this.wanted.delete(this.fold(room));
  }

  isWanted(room: string): boolean {
    return this.wanted.has(this.fold(room));
  }

  wantedRooms(): string[] {
    return [...this.wanted.values()];
  }

  /** The room's name as the user gave it, for events. */
  nameOf(room: string): string {
    return this.wanted.get(this.fold(room)) ?? room;
  }

  isIn(room: string): boolean {
    return this.members.has(this.fold(room));
  }

  /** We joined `room`: its member list starts with us, until NAMES fills it. */
  weJoined(room: string, ourNick: string): void {
    this.members.set(this.fold(room), new Map([[this.fold(ourNick), ourNick]]));
  }

  /** We left or were kicked. */
  weLeft(room: string): void {
    this.members.delete(this.fold(room));
  }

  /** The connection is gone: we are in no channel, though we still want them. */
  leftAll(): string[] {
    const rooms = [...this.members.keys()].map((r) => this.nameOf(r));
    this.members.clear();
    return rooms;
  }

  /** RPL_NAMREPLY … RPL_ENDOFNAMES: the complete list. Returns false for a room we are not in. */
  names(room: string, nicks: string[]): boolean {
    const list = this.members.get(this.fold(room));
    if (!list) return false;
    list.clear();
    for (const nick of nicks) if (nick) list.set(this.fold(nick), nick);
    return true;
  }

  joined(room: string, nick: string): boolean {
    const list = this.members.get(this.fold(room));
    list?.set(this.fold(nick), nick);
    return list !== undefined;
  }

  parted(room: string, nick: string): boolean {
    return this.members.get(this.fold(room))?.delete(this.fold(nick)) ?? false;
  }

  /** A QUIT: returns the rooms it changed. */
  quit(nick: string): string[] {
    const changed: string[] = [];
    for (const [room, list] of this.members) if (list.delete(this.fold(nick))) changed.push(this.nameOf(room));
    return changed;
  }

  /** A NICK change: returns the rooms it changed. */
  renamed(from: string, to: string): string[] {
    const changed: string[] = [];
    for (const [room, list] of this.members) {
      if (list.delete(this.fold(from))) {
        list.set(this.fold(to), to);
        changed.push(this.nameOf(room));
      }
    }
    return changed;
  }

  membersOf(room: string): string[] {
    return [...(this.members.get(this.fold(room))?.values() ?? [])];
  }
}
