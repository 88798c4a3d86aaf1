/**
 * An IRC account behind the ProtocolAdapter interface (RFC 1459, RFC 2812,
 * IRCv3 CAP/SASL/MONITOR, over TCP or TLS per RFC 7194). This file is the
 * account's life: connecting, staying connected (reconnection with backoff,
 * channels joined again, queued messages delivered), and the user's commands.
 * The pieces it composes each have their own file: session.ts (one
 * connection, over irc-framework), transport.ts (socket, TLS, framing),
 * pacer.ts (flood control), relay-prefix.ts (maxMessageBytes), inbound.ts
 * (what arrives), channels.ts, presence.ts, outbox.ts, split.ts.
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
import { TypedEmitter } from '../typed-emitter';
import { backoffDelayMs } from './backoff';
import { Channels } from './channels';
import { ACTION_OVERHEAD_BYTES, ctcp, meAction } from './ctcp';
import { DEFAULT_FLOOD_POLICY, FloodClock } from './flood-clock';
import { InboundLimiter } from './inbound-limiter';
import { inboundEvents } from './inbound';
import { checkOptions, NICK_PATTERN, type IrcAdapterOptions } from './options';
import { OutgoingMessage, type MessageKind } from './outbox';
import { Pacer } from './pacer';
import { PresenceWatch, Roster } from './presence';
import { RelayPrefix } from './relay-prefix';
import { Session, type SessionEvents } from './session';
import { bodyLines, isWellFormed, splitBody, splitLine } from './split';
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

const MAX_WAITING_MESSAGES = 1000;
const JOIN_TIMEOUT_MS = 30_000;
/** How long after a message a "no such nick" still counts as its failure. */
const UNDELIVERABLE_WINDOW_MS = 30_000;
/** RFC 2812 §2.3.1: a nick or channel has no space, comma or control character (NUL, BEL, CR, LF…). */
const isTarget = (name: string) => name.length > 0 && ![...name].some((c) => c <= ' ' || c === ',');

const AWAY_TEXT: Record<string, string> = { away: 'Away', xa: 'Away', dnd: 'Busy' };

class IrcAccount implements IrcAdapter {
  readonly protocol = 'irc' as const;
  readonly accountName: string;
  private readonly emitter: TypedEmitter<AdapterEvents>;
  private current: ConnectionState = { state: 'offline' };
  private session: Session | undefined;
  /** The user wants to be connected: reconnect when the connection drops. */
  private wanted = false;
  private connecting: Promise<void> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private identityConfirmed = false;
  private monitorSupported = false;
  private fold = (name: string) => foldCase(name);
  private readonly prefix: RelayPrefix;
  private readonly pacer: Pacer;
  private readonly outgoing = new Set<OutgoingMessage>();
  private readonly channels = new Channels((n) => this.fold(n));
  private readonly buddies = new Roster((n) => this.fold(n));
  private watch: PresenceWatch | undefined;
  private away: { availability: Availability; status?: string } = { availability: 'available' };
  private readonly joinWaiters = new Map<string, { settle(error?: string): void }[]>();
  private readonly recent = new Map<string, { body: string; at: number; reported: boolean }>();
  private readonly limiter: InboundLimiter;
  private readonly answerLimiter: InboundLimiter;
  private readonly nicks: string[];
  private readonly username: string;
  private readonly realname: string;

  constructor(private readonly options: IrcAdapterOptions) {
    ({ nicks: this.nicks, username: this.username, realname: this.realname } = checkOptions(options));
    this.accountName = `${options.nick}@${options.host}`;
    this.emitter = new TypedEmitter((err) => this.log('error', `an event listener threw: ${err instanceof Error ? err.message : String(err)}`));
    this.prefix = new RelayPrefix(this.nicks, this.username);
    this.pacer = new Pacer(new FloodClock({ ...DEFAULT_FLOOD_POLICY, ...options.flood }));
    const dropped = (reason: string) => this.emit('dropped', { reason });
    this.limiter = new InboundLimiter(dropped, options.inbound);
    this.answerLimiter = new InboundLimiter(dropped, { burst: 3, perSecond: 0.2 });
    for (const buddy of options.buddies ?? []) this.buddies.add(buddy.peer, buddy);
  }

  get state(): ConnectionState {
    return this.current;
  }

  get nick(): string {
    return this.prefix.nick;
  }

  get maxMessageBytes(): number {
    return this.prefix.maxBody();
  }

  maxMessageBytesFor(peer: string): number {
    return this.prefix.maxBodyFor(peer);
  }

  on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  // --- connection life -------------------------------------------------------

  async connect(): Promise<void> {
    if (this.current.state === 'online') return;
    if (this.connecting) return this.connecting;
    this.wanted = true;
    this.cancelRetry();
    this.setState({ state: 'connecting' });
    this.connecting = this.open().finally(() => (this.connecting = undefined));
    try {
      await this.connecting;
    } catch (err) {
      if (this.wanted) this.giveUp(err instanceof AdapterError ? err : new AdapterError(String(err), 'network'));
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    this.wanted = false;
    this.cancelRetry();
    const session = this.session;
    this.session = undefined;
    await session?.quit('Leaving');
    this.afterConnection();
    this.failOutgoing('The account was disconnected before the message was sent.');
    this.limiter.clear();
    this.setState({ state: 'offline' });
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const session: Session = new Session(
        {
          host: this.options.host,
          port: this.options.port,
          tls: this.options.tls,
          nicks: this.nicks,
          username: this.username,
          realname: this.realname,
          password: this.options.password,
          sasl: this.options.sasl,
          hooks: {
            pacer: this.pacer,
            trustedCertificates: () => this.options.trustedCertificates ?? [],
            caCertificates: this.options.caCertificates,
            onDropped: (reason) => this.emit('dropped', { reason }),
            log: (level, message) => this.log(level, message),
          },
        },
        this.sessionEvents(() => session, resolve, reject),
      );
      this.session = session;
      this.identityConfirmed = false;
      session.start();
    });
  }

  private sessionEvents(session: () => Session, resolve: () => void, reject: (err: AdapterError) => void): SessionEvents {
    const inbound = inboundEvents({
      emit: (event, payload) => this.emit(event, payload),
      channels: this.channels,
      roster: this.buddies,
      watch: () => this.watch,
      limiter: this.limiter,
      answerLimiter: this.answerLimiter,
      ctcp: this.options.ctcp ?? {},
      send: (line) => this.session?.send(line),
      isUs: (nick) => this.fold(nick) === this.fold(this.prefix.nick),
      isChannel: (name) => this.session?.isChannel(name) ?? /^[#&+!]/.test(name),
      weAreNow: (nick) => {
        this.prefix.setNick(nick);
        this.log('info', `our nick is now ${nick}`);
      },
      joinSettled: (room, error) => this.settleJoin(room, error),
      undeliverable: (target, reason) => this.undeliverable(target, reason),
    });
    // Events of a connection we have already let go of are stale: drop them.
    const current = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
      if (this.session === session()) fn(...args);
    };
    const guarded = Object.fromEntries(Object.entries(inbound).map(([k, fn]) => [k, current(fn as (...a: unknown[]) => void)])) as typeof inbound;
    return {
      ...guarded,
      registered: current((nick: string) => {
        this.online(session(), nick);
        resolve();
      }),
      failed: (err) => {
        if (this.session === session()) this.session = undefined;
        reject(err);
      },
      closed: current((reason: string) => this.lost(reason)),
      certificate: (certificate) => this.emit('certificate', certificate),
      identity: current((id: { nick?: string; user?: string; host?: string }) => {
        if (id.nick) this.prefix.setNick(id.nick);
        this.prefix.setUserHost(id.user, id.host);
        if (id.user && id.host) this.identityKnown();
      }),
      isupport: current((o: Record<string, unknown>) => {
        const num = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
        this.prefix.setLimits({ nickLen: num(o.NICKLEN), userLen: num(o.USERLEN), hostLen: num(o.HOSTLEN) });
        const mapping = caseMappingOf(o.CASEMAPPING);
        this.fold = (name) => foldCase(name, mapping);
        this.monitorSupported = o.MONITOR !== undefined;
      }),
    };
  }

  private online(session: Session, nick: string): void {
    this.attempt = 0;
    this.prefix.setNick(nick);
    this.setState({ state: 'online' });
    if (this.away.availability !== 'available') session.send(this.awayLine());
    for (const room of this.channels.wantedRooms()) session.send(`JOIN ${room}`);
    this.watch = new PresenceWatch(this.buddies, this.monitorSupported ? 'monitor' : 'ison', (line) => session.send(line), (p) => this.emit('presence', p));
    this.watch.start();
    this.emit('roster', this.buddies.list());
    if (this.identityConfirmed) {
      this.pacer.setReady(true);
    } else {
      // The welcome did not say how the server shows us: ask, and go on with worst-case sizes if it will not say.
      session.send(`WHOIS ${nick}`);
      this.readyTimer = setTimeout(() => this.pacer.setReady(true), 5000);
    }
  }

  private identityKnown(): void {
    this.identityConfirmed = true;
    if (this.current.state === 'online') {
      if (this.readyTimer) clearTimeout(this.readyTimer);
      this.pacer.setReady(true);
    }
  }

  /** The connection dropped: everyone is gone from our view, and we try again. */
  private lost(reason: string): void {
    this.session = undefined;
    this.log('warn', `connection to ${this.options.host} lost: ${reason}`);
    this.afterConnection();
    for (const message of this.outgoing) message.queued();
    if (this.wanted) this.scheduleReconnect(reason);
    else this.setState({ state: 'offline' });
  }

  private scheduleReconnect(reason: string): void {
    this.attempt += 1;
    const delay = backoffDelayMs(this.attempt);
    this.setState({ state: 'reconnecting', attempt: this.attempt, retryInMs: delay, reason });
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.open().catch((err: unknown) => {
        if (!this.wanted) return;
        const error = err instanceof AdapterError ? err : new AdapterError(String(err), 'network');
        if (error.kind === 'network') this.scheduleReconnect(error.message);
        else this.giveUp(error);
      });
    }, delay);
  }

  /** A failure a retry cannot mend (password, certificate…): stop, say why, report what was waiting. */
  private giveUp(error: AdapterError): void {
    this.wanted = false;
    this.cancelRetry();
    this.session?.destroy();
    this.session = undefined;
    this.afterConnection();
    this.failOutgoing(`Not sent: ${error.message}`);
    this.setState({ state: 'error', kind: error.kind, reason: error.message });
  }

  /** What every end of a connection does to our view of the network. */
  private afterConnection(): void {
    this.watch?.stop();
    this.watch = undefined;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.pacer.setReady(false);
    for (const room of this.channels.leftAll()) this.emit('group.members', { room, members: [] });
    for (const presence of this.buddies.allOffline()) this.emit('presence', presence);
    for (const room of [...this.joinWaiters.keys()]) this.settleJoin(room, this.wanted ? undefined : 'The account went offline.');
  }

  private failOutgoing(reason: string): void {
    this.pacer.drainMessages();
    for (const message of this.outgoing) {
      if (message.fail(reason)) this.emit('send.failed', { peer: message.target, body: message.body, reason: `${reason}${message.progress}` });
    }
    this.outgoing.clear();
  }

  private cancelRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.log('info', `${this.accountName}: ${state.state}${'reason' in state ? ` (${state.reason})` : ''}`);
    this.emit('state', state);
  }

  private emit<E extends AdapterEventName>(event: E, payload: AdapterEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    try {
      this.options.logger.log(level, message);
    } catch {
      // A broken logger must not break the account.
    }
  }

  // --- messages -------------------------------------------------------------

  sendMessage(peer: string, body: string, _options?: SendOptions): Promise<SendResult> {
    return this.enqueue('direct', peer, body);
  }

  async sendGroupMessage(room: string, body: string): Promise<void> {
    if (!this.channels.isWanted(room)) throw new AdapterError(`Not in ${room}: join it first.`, 'protocol');
    await this.enqueue('group', room, body);
  }

  private enqueue(kind: MessageKind, target: string, body: string): Promise<SendResult> {
    if (!isTarget(target) || target.startsWith(':')) return Promise.reject(new AdapterError(`"${target}" cannot be an IRC ${kind === 'group' ? 'channel' : 'nick'}.`, 'protocol'));
    if (!isWellFormed(body) || body.includes('\0')) return Promise.reject(new AdapterError('The message has characters IRC cannot carry (NUL or broken UTF-16).', 'protocol'));
    if (bodyLines(body).length === 0) return Promise.reject(new AdapterError('Nothing to send: IRC cannot carry an empty message.', 'protocol'));
    const state = this.current.state;
    if (state === 'offline' || state === 'error') return Promise.reject(new AdapterError(`Not connected to ${this.options.host}.`, 'network'));
    if (this.outgoing.size >= MAX_WAITING_MESSAGES) return Promise.reject(new AdapterError(`${MAX_WAITING_MESSAGES} messages are already waiting to be sent: not taking more.`, 'network'));
    return new Promise((resolve, reject) => {
      const message = new OutgoingMessage(target, body, kind, () => this.lines(target, body), { resolve, reject }, (m) => this.written(m));
      this.outgoing.add(message);
      if (state === 'online') message.prepare();
      else message.queued();
      this.pacer.addMessage(message);
    });
  }

  /** The PRIVMSG lines for a body, sized for the prefix the server adds when relaying them. */
  private lines(target: string, body: string): string[] {
    const max = this.prefix.maxBodyFor(target);
    const action = meAction(body);
    if (action !== undefined) return splitBody(action, max - ACTION_OVERHEAD_BYTES).map((part) => `PRIVMSG ${target} :${ctcp('ACTION', part)}`);
    return splitBody(body, max).map((part) => `PRIVMSG ${target} :${part}`);
  }

  private written(message: OutgoingMessage): void {
    this.outgoing.delete(message);
    const now = Date.now();
    this.recent.set(this.fold(message.target), { body: message.body, at: now, reported: false });
    for (const [key, entry] of this.recent) if (now - entry.at > UNDELIVERABLE_WINDOW_MS) this.recent.delete(key);
    if (message.kind === 'group') this.emit('group.message', { room: this.channels.nameOf(message.target), nick: this.prefix.nick, body: message.body, time: new Date(now), own: true });
  }

  private undeliverable(target: string, reason: string): void {
    const entry = this.recent.get(this.fold(target));
    if (!entry || entry.reported || Date.now() - entry.at > UNDELIVERABLE_WINDOW_MS) return;
    entry.reported = true;
    this.emit('send.failed', { peer: target, body: entry.body, reason: `${this.options.host} did not deliver it: ${reason}` });
  }

  // --- presence and roster ----------------------------------------------------

  async setPresence(availability: Availability, status?: string): Promise<void> {
    if (availability === 'offline') throw new AdapterError('On IRC, going offline means disconnecting the account.', 'config');
    if (availability === 'invisible') throw new AdapterError('IRC has no invisible presence: anyone on the network can see you are connected.', 'config');
    this.away = { availability, status };
    if (this.current.state === 'online') this.session?.send(this.awayLine());
  }

  private awayLine(): string {
    if (this.away.availability === 'available') return 'AWAY';
    const text = (this.away.status ?? '').replace(/[\r\n\0]+/g, ' ').trim() || (AWAY_TEXT[this.away.availability] ?? 'Away');
    return `AWAY :${splitLine(text, 200)[0] ?? 'Away'}`;
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

  // --- channels ---------------------------------------------------------------

  async joinGroup(room: string, nick?: string): Promise<void> {
    const isChannel = this.session?.isChannel(room) ?? /^[#&+!]/.test(room);
    if (!isChannel || !isTarget(room)) throw new AdapterError(`"${room}" is not an IRC channel name.`, 'protocol');
    if (nick && nick !== this.prefix.nick) this.log('info', `IRC has one nick per connection: joining ${room} as ${this.prefix.nick}, not ${nick}`);
    if (this.channels.isIn(room)) return;
    const state = this.current.state;
    if (state === 'offline' || state === 'error') throw new AdapterError(`Not connected to ${this.options.host}.`, 'network');
    this.channels.want(room);
    // While (re)connecting, the room is joined with the others once online.
    if (state !== 'online') return;
    await new Promise<void>((resolve, reject) => {
      const key = this.fold(room);
      const timer = setTimeout(() => this.settleJoin(room, `${this.options.host} did not answer the JOIN of ${room}.`), JOIN_TIMEOUT_MS);
      const waiters = this.joinWaiters.get(key) ?? [];
      waiters.push({
        settle: (error) => {
          clearTimeout(timer);
          if (error) reject(new AdapterError(error, 'protocol'));
          else resolve();
        },
      });
      this.joinWaiters.set(key, waiters);
      this.session?.send(`JOIN ${room}`);
    });
  }

  private settleJoin(room: string, error?: string): void {
    const key = this.fold(room);
    const waiters = this.joinWaiters.get(key) ?? [];
    this.joinWaiters.delete(key);
    for (const waiter of waiters) waiter.settle(error);
  }

  async leaveGroup(room: string): Promise<void> {
    this.channels.unwant(room);
    this.settleJoin(room, `Left ${room} before it was joined.`);
    if (this.current.state === 'online' && this.channels.isIn(room)) this.session?.send(`PART ${room}`);
  }
}
