/**
 * An IRC account behind the ProtocolAdapter interface (RFC 1459, RFC 2812,
 * IRCv3 CAP/SASL/MONITOR, over TCP or TLS per RFC 7194). This file wires the
 * pieces together and answers the user's commands; each piece has its file:
 * link.ts (staying connected), session.ts (one connection, over irc-framework),
 * session-wiring.ts (each connection wired to the parts below),
 * transport.ts (socket, TLS, framing), pacer.ts (flood control), identity.ts
 * (our nick and prefix), relay-prefix.ts (maxMessageBytes), outbox.ts
 * (sending), inbound.ts (what arrives), channels.ts and joins.ts, presence.ts.
 */
import {
  AdapterError,
  type AdapterEventName,
  type AdapterEvents,
  type Availability,
  type ConnectionState,
  type ProtocolAdapter,
  type RosterEntry,
  type SendOptions,
  type SendResult,
} from '../adapter';
import { errorText } from '../common/error-text';
import type { LogLevel } from '../common/logger';
import { TypedEmitter } from '../common/typed-emitter';
import { Buddies } from './buddies';
import { Channels } from './channels';
import { DEFAULT_FLOOD_POLICY, FloodClock } from './flood-clock';
import { Identity } from './identity';
import { InboundLimiter } from './inbound-limiter';
import { JoinRequests } from './joins';
import { Link } from './link';
import { checkOptions, NICK_PATTERN, type AccountConfig, type IrcAdapterOptions } from './options';
import { isTarget, Outbox } from './outbox';
import { Pacer } from './pacer';
import { awayLine } from './presence';
import { RelayPrefix } from './relay-prefix';
import type { Session } from './session';
import { sessionFactory } from './session-wiring';
import { foldCase } from './wire';

export function createIrcAdapter(options: IrcAdapterOptions): IrcAdapter {
  return new IrcAdapter(options);
}

/** The IRC account; beyond ProtocolAdapter it says which nick it holds, and sizes messages per target. */
export class IrcAdapter implements ProtocolAdapter {
  readonly protocol = 'irc' as const;
  readonly accountName: string;
  /** ngIRCd (and others) drop trailing whitespace when they relay a line. */
  readonly stripsTrailingWhitespace = true;
  private readonly emitter = new TypedEmitter<AdapterEvents>((err) =>
    this.log('error', `an event listener threw: ${errorText(err)}`),
  );
  private readonly link: Link;
  private readonly account: AccountConfig;
  /** Compares names as the server does: its CASEMAPPING, once it has said it. */
  private fold = (name: string) => foldCase(name);
  private readonly prefix: RelayPrefix;
  private readonly identity: Identity;
  private readonly pacer: Pacer;
  private readonly outbox: Outbox;
  private readonly channels = new Channels((n) => this.fold(n));
  private readonly joins = new JoinRequests((n) => this.fold(n));
  private readonly buddies = new Buddies((n) => this.fold(n), {
    presence: (p) => this.emit('presence', p),
    roster: (r) => this.emit('roster', r),
  });
  private readonly limiter: InboundLimiter;
  private away: { availability: Availability; status?: string | undefined } = { availability: 'available' };

  constructor(private readonly options: IrcAdapterOptions) {
    this.account = checkOptions(options);
    this.accountName = `${options.nick}@${options.host}`;
    this.prefix = new RelayPrefix(this.account.nicks, this.account.username);
    this.pacer = new Pacer(new FloodClock({ ...DEFAULT_FLOOD_POLICY, ...options.flood }));
    this.identity = new Identity(
      this.account.nicks,
      this.prefix,
      this.pacer,
      (n) => this.fold(n),
      (m) => this.log('info', m),
    );
    this.outbox = new Outbox({
      pacer: this.pacer,
      prefix: this.prefix,
      fold: (name) => this.fold(name),
      roomName: (room) => this.channels.nameOf(room),
      sendFailed: (failure) => this.emit('send.failed', failure),
      ownGroupMessage: (message) => this.emit('group.message', message),
    });
    this.limiter = new InboundLimiter((reason) => this.emit('dropped', { reason }), options.inbound);
    for (const buddy of options.buddies ?? []) this.buddies.roster.add(buddy.peer, buddy);
    this.link = new Link(
      {
        createSession: sessionFactory({
          account: this.account,
          options,
          prefix: this.prefix,
          pacer: this.pacer,
          identity: this.identity,
          outbox: this.outbox,
          channels: this.channels,
          joins: this.joins,
          buddies: this.buddies,
          limiter: this.limiter,
          live: () => this.link.live,
          isChannel: (name) => this.isChannel(name),
          caseMapping: (mapping) => (this.fold = (name) => foldCase(name, mapping)),
          emit: (event, payload) => this.emit(event, payload),
          log: (level, message) => this.log(level, message),
        }),
        online: (session, nick) => this.online(session, nick),
        ended: () => this.ended(),
        lost: (reason) => this.lost(reason),
        stopped: (reason) => this.stopped(reason),
        state: (state) => {
          this.log('info', `${this.accountName}: ${state.state}${'reason' in state ? ` (${state.reason})` : ''}`);
          this.emit('state', state);
        },
      },
      options.stableAfterMs,
    );
  }

  // --- connection -------------------------------------------------------------------

  get state(): ConnectionState {
    return this.link.state;
  }

  /** The nick we have now: an alternative when the nick was taken. */
  get nick(): string {
    return this.identity.nick;
  }

  connect(): Promise<void> {
    return this.link.connect();
  }

  disconnect(): Promise<void> {
    return this.link.disconnect();
  }

  /** Registered: put back what the user had (away, channels), watch buddies, let messages go. */
  private online(session: Session, nick: string): void {
    this.identity.weAreNow(nick);
    if (this.away.availability !== 'available') session.send(awayLine(this.away.availability, this.away.status));
    for (const room of this.channels.wantedRooms()) session.send(`JOIN ${room}`);
    this.buddies.startWatching((line) => session.send(line));
    this.identity.online(nick, (line) => session.send(line));
  }

  /** Every end of a connection: nobody is in our channels, no buddy is known online. */
  private ended(): void {
    this.buddies.stopWatching();
    this.identity.ended();
    for (const room of this.channels.leftAll()) this.emit('group.members', { room, members: [] });
    this.buddies.allOffline();
  }

  /** The connection dropped and will be tried again: the rooms stay wanted, joined again once back. */
  private lost(reason: string): void {
    this.log('warn', `connection to ${this.options.host} lost: ${reason}`);
    this.outbox.connectionLost();
    this.joins.settleAll();
  }

  /** The account stopped: what waits to be sent or joined fails. */
  private stopped(reason: string): void {
    this.outbox.failAll(reason);
    this.joins.settleAll('The account went offline.');
    this.limiter.clear();
  }

  /** By the server's CHANTYPES once connected, else by the usual prefixes. */
  private isChannel(name: string): boolean {
    return this.link.live?.isChannel(name) ?? /^[#&+!]/.test(name);
  }

  /** Refuses what cannot even be queued: the account is offline, or stopped on an error. */
  private requireActive(): void {
    const state = this.link.state.state;
    if (state === 'offline' || state === 'error')
      throw new AdapterError(`Not connected to ${this.options.host}.`, 'network');
  }

  // --- messages ---------------------------------------------------------------------

  get maxMessageBytes(): number {
    return this.prefix.maxBody();
  }

  /** The longest body that reaches `peer` (a nick or a channel) in one line. */
  maxMessageBytesFor(peer: string): number {
    return this.prefix.maxBodyFor(peer);
  }

  async sendMessage(peer: string, body: string, _options?: SendOptions): Promise<SendResult> {
    this.requireActive();
    return this.outbox.send('direct', peer, body, this.link.live !== undefined);
  }

  // --- presence and roster ----------------------------------------------------------

  async setPresence(availability: Availability, status?: string): Promise<void> {
    if (availability === 'offline')
      throw new AdapterError('On IRC, going offline means disconnecting the account.', 'config');
    if (availability === 'invisible')
      throw new AdapterError(
        'IRC has no invisible presence: anyone on the network can see you are connected.',
        'config',
      );
    this.away = { availability, status };
    this.link.live?.send(awayLine(this.away.availability, this.away.status));
  }

  roster(): RosterEntry[] {
    return this.buddies.roster.list();
  }

  async addBuddy(peer: string, options?: { name?: string; groups?: string[] }): Promise<void> {
    if (!NICK_PATTERN.test(peer)) throw new AdapterError(`"${peer}" is not a valid IRC nick.`, 'protocol');
    this.buddies.add(peer, options);
  }

  async removeBuddy(peer: string): Promise<void> {
    this.buddies.remove(peer);
  }

  /** IRC has no presence subscriptions: there is never a request to answer. */
  async answerSubscription(_peer: string, _accept: boolean): Promise<void> {}

  // --- rooms ------------------------------------------------------------------------

  async joinGroup(room: string, nick?: string): Promise<void> {
    if (!this.isChannel(room) || !isTarget(room))
      throw new AdapterError(`"${room}" is not an IRC channel name.`, 'protocol');
    if (nick && nick !== this.nick)
      this.log('info', `IRC has one nick per connection: joining ${room} as ${this.nick}, not ${nick}`);
    if (this.channels.isIn(room)) return;
    this.requireActive();
    this.channels.want(room);
    const session = this.link.live;
    // While (re)connecting, the room is joined with the others once online.
    if (!session) return;
    await this.joins
      .request(room, () => session.send(`JOIN ${room}`))
      .catch((err: unknown) => {
        this.channels.unwant(room);
        throw new AdapterError(errorText(err), 'protocol');
      });
  }

  async leaveGroup(room: string): Promise<void> {
    this.channels.unwant(room);
    this.joins.settle(room, `Left ${room} before it was joined.`);
    if (this.channels.isIn(room)) this.link.live?.send(`PART ${room}`);
  }

  async sendGroupMessage(room: string, body: string): Promise<void> {
    if (!this.channels.isWanted(room)) throw new AdapterError(`Not in ${room}: join it first.`, 'protocol');
    this.requireActive();
    await this.outbox.send('group', room, body, this.link.live !== undefined);
  }

  // --- events -----------------------------------------------------------------------

  on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  private emit<E extends AdapterEventName>(event: E, payload: AdapterEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  private log(level: LogLevel, message: string): void {
    try {
      this.options.logger.log(level, message);
    } catch {
      // A broken logger must not break the account.
    }
  }
}
