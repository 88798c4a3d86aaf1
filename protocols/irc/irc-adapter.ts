/**
 * An IRC account behind the ProtocolAdapter interface (RFC 1459, RFC 2812,
 * IRCv3 CAP/SASL/MONITOR, over TCP or TLS per RFC 7194). This file wires the
 * pieces together and answers the user's commands; each piece has its file:
 * link.ts (staying connected), session.ts (one connection, over irc-framework),
 * transport.ts (socket, TLS, framing), pacer.ts (flood control),
 * relay-prefix.ts (maxMessageBytes), outbox.ts (sending), inbound.ts (what
 * arrives), channels.ts and joins.ts, presence.ts.
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
import type { LogLevel } from '../common/logger';
import { TypedEmitter } from '../common/typed-emitter';
import { Channels } from './channels';
import { DEFAULT_FLOOD_POLICY, FloodClock } from './flood-clock';
import { InboundLimiter } from './inbound-limiter';
import { inboundEvents, onlyWhile } from './inbound';
import { JoinRequests } from './joins';
import { Link } from './link';
import { checkOptions, NICK_PATTERN, type IrcAdapterOptions } from './options';
import { isTarget, Outbox } from './outbox';
import { Pacer } from './pacer';
import { awayLine, PresenceWatch, Roster } from './presence';
import { limitsOf, RelayPrefix } from './relay-prefix';
import { Session } from './session';
import { caseMappingOf, foldCase } from './wire';

export interface IrcAdapter extends ProtocolAdapter {
  readonly protocol: 'irc';
  /** The nick we have now: an alternative when the nick was taken. */
  readonly nick: string;
  /** The longest body that reaches `peer` (a nick or a channel) in one line. */
  maxMessageBytesFor(peer: string): number;
}

export function createIrcAdapter(options: IrcAdapterOptions): IrcAdapter {
  return new IrcAccount(options);
}

/** While we are on an alternative nick, how often we ask for ours back. */
const NICK_REGAIN_MS = 60_000;

class IrcAccount implements IrcAdapter {
  readonly protocol = 'irc' as const;
  readonly accountName: string;
  private readonly emitter: TypedEmitter<AdapterEvents>;
  private readonly link: Link;
  private readonly nicks: string[];
  private readonly username: string;
  private readonly realname: string;
  private fold = (name: string) => foldCase(name);
  private readonly prefix: RelayPrefix;
  private readonly pacer: Pacer;
  private readonly outbox: Outbox;
  private readonly channels = new Channels((n) => this.fold(n));
  private readonly joins = new JoinRequests((n) => this.fold(n));
  private readonly buddies = new Roster((n) => this.fold(n));
  private readonly limiter: InboundLimiter;
  private readonly answerLimiter: InboundLimiter;
  private watch: PresenceWatch | undefined;
  private away: { availability: Availability; status?: string | undefined } = { availability: 'available' };
  private identityConfirmed = false;
  private monitorSupported = false;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private regainTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: IrcAdapterOptions) {
    ({ nicks: this.nicks, username: this.username, realname: this.realname } = checkOptions(options));
    this.accountName = `${options.nick}@${options.host}`;
    this.emitter = new TypedEmitter((err) => this.log('error', `an event listener threw: ${err instanceof Error ? err.message : String(err)}`));
    this.prefix = new RelayPrefix(this.nicks, this.username);
    this.pacer = new Pacer(new FloodClock({ ...DEFAULT_FLOOD_POLICY, ...options.flood }));
    this.outbox = new Outbox({
      pacer: this.pacer,
      prefix: this.prefix,
      fold: (name) => this.fold(name),
      roomName: (room) => this.channels.nameOf(room),
      sendFailed: (failure) => this.emit('send.failed', failure),
      ownGroupMessage: (message) => this.emit('group.message', message),
    });
    const dropped = (reason: string) => this.emit('dropped', { reason });
    this.limiter = new InboundLimiter(dropped, options.inbound);
    // Silent: a query we do not answer is reported as such (inbound.ts).
    this.answerLimiter = new InboundLimiter(() => undefined, { burst: 3, perSecond: 0.2 });
    for (const buddy of options.buddies ?? []) this.buddies.add(buddy.peer, buddy);
    this.link = new Link({
      createSession: (done, current) => this.createSession(done, current),
      online: (session, nick) => this.online(session, nick),
      ended: () => this.ended(),
      lost: (reason) => {
        this.log('warn', `connection to ${options.host} lost: ${reason}`);
        this.outbox.connectionLost();
        this.joins.settleAll(); // the rooms stay wanted: joined again once back
      },
      stopped: (reason) => {
        this.outbox.failAll(reason);
        this.joins.settleAll('The account went offline.');
        this.limiter.clear();
      },
      state: (state) => {
        this.log('info', `${this.accountName}: ${state.state}${'reason' in state ? ` (${state.reason})` : ''}`);
        this.emit('state', state);
      },
    }, options.stableAfterMs);
  }

  get state(): ConnectionState {
    return this.link.state;
  }

  get nick(): string {
    return this.prefix.nick;
  }

  /** ngIRCd (and others) drop trailing whitespace when they relay a line. */
  readonly stripsTrailingWhitespace = true;

  get maxMessageBytes(): number {
    return this.prefix.maxBody();
  }

  maxMessageBytesFor(peer: string): number {
    return this.prefix.maxBodyFor(peer);
  }

  on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  connect(): Promise<void> {
    return this.link.connect();
  }

  disconnect(): Promise<void> {
    return this.link.disconnect();
  }

  // --- one connection -----------------------------------------------------------

  private createSession(done: Parameters<ConstructorParameters<typeof Link>[0]['createSession']>[0], current: () => boolean): Session {
    this.identityConfirmed = false;
    const live = () => this.link.live;
    const inbound = inboundEvents({
      emit: (event, payload) => this.emit(event, payload),
      channels: this.channels,
      roster: this.buddies,
      watch: () => this.watch,
      limiter: this.limiter,
      answerLimiter: this.answerLimiter,
      ctcp: this.options.ctcp ?? {},
      send: (line) => live()?.send(line),
      isUs: (nick) => this.fold(nick) === this.fold(this.prefix.nick),
      isChannel: (name) => live()?.isChannel(name) ?? /^[#&+!]/.test(name),
      weAreNow: (nick) => this.weAreNow(nick),
      joinSettled: (room, error) => this.joins.settle(room, error),
      // Our own nick just became free: take it back at once.
      nickFreed: (nick) => this.regainTimer && this.fold(nick) === this.fold(this.nicks[0] ?? '') && live()?.send(`NICK ${this.nicks[0]}`),
      undeliverable: (target, reason) => this.outbox.undeliverable(target, reason),
    });
    const hooks = {
      pacer: this.pacer,
      trustedCertificates: () => this.options.trustedCertificates ?? [],
      caCertificates: this.options.caCertificates,
      onDropped: (reason: string) => this.emit('dropped', { reason }),
      log: (level: LogLevel, message: string) => this.log(level, message),
    };
    const { host, port, tls, password, sasl } = this.options;
    return new Session(
      { host, port, tls, ...(password === undefined ? {} : { password }), ...(sasl === undefined ? {} : { sasl }), nicks: this.nicks, username: this.username, realname: this.realname, hooks },
      {
        // Events of a connection we have already let go of are stale: dropped.
        ...onlyWhile(current, {
          ...inbound,
          identity: (id: { nick?: string | undefined; user?: string | undefined; host?: string | undefined }) => {
            if (id.nick) this.prefix.setNick(id.nick);
            this.prefix.setUserHost(id.user, id.host);
            if (id.user && id.host) this.identityKnown();
          },
          isupport: (tokens: Record<string, unknown>) => {
            this.prefix.setLimits(limitsOf(tokens));
            const mapping = caseMappingOf(tokens.CASEMAPPING);
            this.fold = (name) => foldCase(name, mapping);
            this.monitorSupported = tokens.MONITOR !== undefined;
          },
        }),
        ...done,
        certificate: (certificate) => this.emit('certificate', certificate),
      },
    );
  }

  /** Registered: put back what the user had (away, channels), watch buddies, let messages go. */
  private online(session: Session, nick: string): void {
    this.weAreNow(nick);
    if (this.away.availability !== 'available') session.send(awayLine(this.away.availability, this.away.status));
    for (const room of this.channels.wantedRooms()) session.send(`JOIN ${room}`);
    this.watch = new PresenceWatch(this.buddies, this.monitorSupported ? 'monitor' : 'ison', (line) => session.send(line), (p) => this.emit('presence', p));
    this.watch.start();
    this.emit('roster', this.buddies.list());
    if (nick !== this.nicks[0]) {
      // Our nick may be held by our own ghost until the server times it out: ask for it back now and then.
      this.regainTimer = setInterval(() => session.send(`NICK ${this.nicks[0]}`), NICK_REGAIN_MS);
      this.regainTimer.unref();
    }
    if (this.identityConfirmed) {
      this.pacer.setReady(true);
    } else {
      // The welcome did not say how the server shows us: ask, and go on with worst-case sizes if it will not say.
      session.send(`WHOIS ${nick}`);
      this.readyTimer = setTimeout(() => this.pacer.setReady(true), 5000);
    }
  }

  private weAreNow(nick: string): void {
    if (nick !== this.prefix.nick) this.log('info', `our nick is now ${nick}`);
    this.prefix.setNick(nick);
    if (this.fold(nick) === this.fold(this.nicks[0] ?? '')) this.stopRegain();
  }

  private stopRegain(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = undefined;
  }

  private identityKnown(): void {
    this.identityConfirmed = true;
    if (this.link.live) {
      if (this.readyTimer) clearTimeout(this.readyTimer);
      this.pacer.setReady(true);
    }
  }

  /** Every end of a connection: nobody is in our channels, no buddy is known online. */
  private ended(): void {
    this.watch?.stop();
    this.watch = undefined;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.stopRegain();
    this.pacer.setReady(false);
    for (const room of this.channels.leftAll()) this.emit('group.members', { room, members: [] });
    for (const presence of this.buddies.allOffline()) this.emit('presence', presence);
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

  // --- messages -------------------------------------------------------------------

  sendMessage(peer: string, body: string, _options?: SendOptions): Promise<SendResult> {
    return this.refusal() ?? this.outbox.send('direct', peer, body, this.link.live !== undefined);
  }

  async sendGroupMessage(room: string, body: string): Promise<void> {
    if (!this.channels.isWanted(room)) throw new AdapterError(`Not in ${room}: join it first.`, 'protocol');
    await (this.refusal() ?? this.outbox.send('group', room, body, this.link.live !== undefined));
  }

  /** A rejection when nothing can be sent, not even queued: offline, or stopped on an error. */
  private refusal(): Promise<never> | undefined {
    const state = this.link.state.state;
    return state === 'offline' || state === 'error' ? Promise.reject(new AdapterError(`Not connected to ${this.options.host}.`, 'network')) : undefined;
  }

  // --- presence and roster --------------------------------------------------------

  async setPresence(availability: Availability, status?: string): Promise<void> {
    if (availability === 'offline') throw new AdapterError('On IRC, going offline means disconnecting the account.', 'config');
    if (availability === 'invisible') throw new AdapterError('IRC has no invisible presence: anyone on the network can see you are connected.', 'config');
    this.away = { availability, status };
    this.link.live?.send(awayLine(this.away.availability, this.away.status));
  }

  roster(): RosterEntry[] {
    return this.buddies.list();
  }

  async addBuddy(peer: string, options?: { name?: string; groups?: string[] }): Promise<void> {
    if (!NICK_PATTERN.test(peer)) throw new AdapterError(`"${peer}" is not a valid IRC nick.`, 'protocol');
    this.buddies.add(peer, options);
    this.emit('roster', this.buddies.list());
    this.watch?.added(peer);
  }

  async removeBuddy(peer: string): Promise<void> {
    if (!this.buddies.remove(peer)) return;
    this.emit('roster', this.buddies.list());
    this.watch?.removed(peer);
  }

  /** IRC has no presence subscriptions: there is never a request to answer. */
  async answerSubscription(_peer: string, _accept: boolean): Promise<void> {}

  // --- channels -------------------------------------------------------------------

  async joinGroup(room: string, nick?: string): Promise<void> {
    const isChannel = this.link.live?.isChannel(room) ?? /^[#&+!]/.test(room);
    if (!isChannel || !isTarget(room)) throw new AdapterError(`"${room}" is not an IRC channel name.`, 'protocol');
    if (nick && nick !== this.prefix.nick) this.log('info', `IRC has one nick per connection: joining ${room} as ${this.prefix.nick}, not ${nick}`);
    if (this.channels.isIn(room)) return;
    const state = this.link.state.state;
    if (state === 'offline' || state === 'error') throw new AdapterError(`Not connected to ${this.options.host}.`, 'network');
    this.channels.want(room);
    const session = this.link.live;
    // While (re)connecting, the room is joined with the others once online.
    if (!session) return;
    await this.joins.request(room, () => session.send(`JOIN ${room}`)).catch((err: unknown) => {
      this.channels.unwant(room);
      throw new AdapterError(err instanceof Error ? err.message : String(err), 'protocol');
    });
  }

  async leaveGroup(room: string): Promise<void> {
    this.channels.unwant(room);
    this.joins.settle(room, `Left ${room} before it was joined.`);
    if (this.channels.isIn(room)) this.link.live?.send(`PART ${room}`);
  }
}
