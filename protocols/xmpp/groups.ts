/**
 * XEP-0045 (multi-user chat) in plaintext: joining (§7.2, confirmed by our own
 * presence with status 110; a new room is unlocked as an instant room, §10.1.2),
 * leaving (§7.14), the occupant list, room messages (§7.4), and joining again
 * after a new session, asking only for the history we missed (§7.2.15 `since`).
 */
import { xml, type Element } from '@xmpp/xml';
import { AdapterError, type GroupMembers, type GroupMessage } from '../adapter';
import { errorText } from '../common/error-text';
import { formatBare, parseJid } from './jid';
import { NS_MUC, type ParsedPresence } from './incoming-presence';

const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const JOIN_TIMEOUT_MS = 20_000;
/** Occupant changes are reported at most this often, so that a join of 500 people is one event. */
const MEMBERS_DEBOUNCE_MS = 100;
const INITIAL_HISTORY = 20;
/** A room being created by someone else is locked for a moment (§10.1.1): one more try after this. */
const LOCKED_RETRY_MS = 1500;
/** Recent messages remembered per room, to skip the ones history repeats after a rejoin. */
const SEEN_MEMORY = 100;

interface Room {
  room: string;
  nick: string;
  joined: boolean;
  occupants: Set<string>;
  /** When we last heard from the room: history after a rejoin starts here. */
  lastHeard?: Date;
  seen: string[];
  /** The join presence last sent, to send again if the room was still locked. */
  join?: Element;
  retried?: boolean;
  pending?: { resolve(): void; reject(err: Error): void; timer: NodeJS.Timeout } | undefined;
  membersTimer?: NodeJS.Timeout | undefined;
}

export interface GroupDeps {
  send(element: Element): Promise<void>;
  /** Sends an iq and resolves with the answer. */
  request(iq: Element): Promise<unknown>;
  members(event: GroupMembers): void;
  message(event: GroupMessage): void;
  /** We are in the room (again): messages held for it can go. */
  joined(room: string): void;
  log(message: string): void;
}

export class Groups {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly deps: GroupDeps) {}

  isRoom(bare: string): boolean {
    return this.rooms.has(bare);
  }

  isJoined(room: string): boolean {
    return this.rooms.get(room)?.joined === true;
  }

  /** Checks a room address and nick as the user typed them. */
  static validate(room: string, nick: string): { room: string; nick: string } {
    const jid = parseJid(room);
    if (!jid || !jid.local || jid.resource)
      throw new AdapterError(`"${room}" is not a room address of the form room@service.`, 'config');
    const bare = formatBare(jid);
    if (!nick || !parseJid(`${bare}/${nick}`))
      throw new AdapterError(`"${nick}" cannot be used as a nickname.`, 'config');
    return { room: bare, nick };
  }

  join(roomAddress: string, nickname: string, online: boolean): Promise<void> {
    const { room, nick } = Groups.validate(roomAddress, nickname);
    const existing = this.rooms.get(room);
    if (existing?.joined && existing.nick === nick) return Promise.resolve();
    const state: Room = existing ?? { room, nick, joined: false, occupants: new Set(), seen: [] };
    state.nick = nick;
    this.rooms.set(room, state);
    if (!online) return Promise.resolve(); // joined when the connection is back (rejoinAll)
    return this.sendJoin(state, { maxstanzas: String(INITIAL_HISTORY) });
  }

  private sendJoin(state: Room, history: Record<string, string>): Promise<void> {
    // A join still waiting for its answer is settled by this newer one.
    const previous = state.pending;
    clearTimeout(previous?.timer);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle(state, new AdapterError(`The room ${state.room} did not answer.`, 'network')),
        JOIN_TIMEOUT_MS,
      );
      state.pending = {
        resolve: () => {
          previous?.resolve();
          resolve();
        },
        reject: (err) => {
          previous?.reject(err);
          reject(err);
        },
        timer,
      };
      const join = xml(
        'presence',
        { to: `${state.room}/${state.nick}` },
        xml('x', { xmlns: NS_MUC }, xml('history', history)),
      );
      state.join = join;
      state.retried = false;
      this.deps
        .send(join)
        .catch((err: unknown) =>
          this.settle(state, new AdapterError(`Could not join ${state.room}: ${String(err)}`, 'network')),
        );
    });
  }

  private settle(state: Room, error?: AdapterError): void {
    const pending = state.pending;
    state.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  async leave(room: string, online: boolean): Promise<void> {
    const state = this.rooms.get(room);
    if (!state) return;
    this.rooms.delete(room);
    this.settle(state, new AdapterError('Left the room before joining it.', 'protocol'));
    clearTimeout(state.membersTimer);
    if (online) await this.deps.send(xml('presence', { to: `${room}/${state.nick}`, type: 'unavailable' }));
  }

  onPresence(parsed: ParsedPresence & { kind: 'occupant' | 'room-error' }): void {
    const state = this.rooms.get(parsed.room);
    if (!state) return;
    if (parsed.kind === 'room-error') {
      if (parsed.nick !== state.nick) return;
      if (parsed.condition === 'item-not-found' && state.pending && !state.retried && state.join) {
        // Most likely a room someone is creating right now, locked until configured.
        state.retried = true;
        const join = state.join;
        setTimeout(() => {
          if (this.rooms.get(parsed.room) === state && state.pending) this.deps.send(join).catch(() => undefined);
        }, LOCKED_RETRY_MS).unref();
        return;
      }
      const wasPending = state.pending !== undefined;
      this.settle(state, new AdapterError(`Could not join ${parsed.room}: ${parsed.reason}.`, 'protocol'));
      if (wasPending && !state.joined) this.rooms.delete(parsed.room);
      return;
    }
    const self = parsed.self || (parsed.nick === state.nick && !state.joined);
    if (parsed.available) {
      state.occupants.add(parsed.nick);
      if (self) {
        state.nick = parsed.nick; // status 210: the room may have changed it
        state.lastHeard ??= new Date();
        // §10.1.2: a room we just created stays locked until configured; we take the
        // defaults, and say "joined" only once others can join too.
        if (parsed.codes.includes('201')) this.unlock(state);
        else this.markJoined(state);
      }
    } else {
      state.occupants.delete(parsed.nick);
      if (parsed.newNick) {
        state.occupants.add(parsed.newNick);
        if (self) state.nick = parsed.newNick;
      } else if (self) {
        // Kicked, banned, or the room went away (§7.14, §8.2, §9.1).
        state.joined = false;
        state.occupants.clear();
        this.rooms.delete(parsed.room);
        this.deps.log(`left ${parsed.room} (status ${parsed.codes.join(', ') || 'none'})`);
      }
    }
    this.scheduleMembers(state);
  }

  private unlock(state: Room): void {
    const form = xml(
      'iq',
      { type: 'set', to: state.room },
      xml('query', { xmlns: NS_MUC_OWNER }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' })),
    );
    this.deps
      .request(form)
      .catch(() => this.deps.log(`could not unlock the new room ${state.room}`))
      .finally(() => {
        if (this.rooms.get(state.room) === state) this.markJoined(state);
      });
  }

  private markJoined(state: Room): void {
    state.joined = true;
    this.settle(state);
    this.deps.joined(state.room);
    this.scheduleMembers(state);
  }

  private scheduleMembers(state: Room): void {
    if (state.membersTimer) return;
    state.membersTimer = setTimeout(() => {
      state.membersTimer = undefined;
      if (!state.joined) return; // reported once joined (markJoined)
      this.deps.members({ room: state.room, members: [...state.occupants].sort() });
    }, MEMBERS_DEBOUNCE_MS);
  }

  onMessage(room: string, nick: string, body: string, time: Date, delayed: boolean): boolean {
    const state = this.rooms.get(room);
    if (!state) return false;
    const key = `${nick}\u0000${body}`;
    // History repeated after a rejoin: skip what we have already shown.
    if (delayed && state.seen.includes(key)) return true;
    state.seen.push(key);
    if (state.seen.length > SEEN_MEMORY) state.seen.shift();
    if (!delayed) state.lastHeard = time;
    const message: GroupMessage = { room, nick, body, time };
    if (nick === state.nick) message.own = true;
    this.deps.message(message);
    return true;
  }

  /** A new session: the server forgot our rooms; join them again, asking for what we missed. */
  rejoinAll(): void {
    for (const state of this.rooms.values()) {
      state.joined = false;
      state.occupants.clear();
      const history: Record<string, string> = state.lastHeard
        ? { since: new Date(Math.floor(state.lastHeard.getTime() / 1000) * 1000 - 1000).toISOString() }
        : { maxstanzas: String(INITIAL_HISTORY) };
      this.sendJoin(state, history).catch((err: unknown) =>
        this.deps.log(`could not rejoin ${state.room}: ${errorText(err)}`),
      );
    }
  }

  /** The account stopped: pending joins fail, and the rooms are forgotten (not rejoined on the next connect). */
  clear(reason: string): void {
    for (const state of this.rooms.values()) {
      this.settle(state, new AdapterError(reason, 'network'));
      clearTimeout(state.membersTimer);
    }
    this.rooms.clear();
  }
}
