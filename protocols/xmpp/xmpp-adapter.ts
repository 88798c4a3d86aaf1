/**
 * The XMPP adapter (RFC 6120 core, RFC 6121 instant messaging and presence,
 * XEP-0198, XEP-0280, XEP-0364, XEP-0045) behind protocols/adapter.ts. This
 * file wires the parts together and keeps the public methods thin: the
 * connection (connection.ts), its life and reconnection (session.ts), buddies
 * (contacts.ts), rooms (groups.ts), sending (sender.ts) and arrivals (inbound.ts).
 */
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
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
import { XmppConnection } from './connection';
import { Contacts } from './contacts';
import { Groups } from './groups';
import { RecentMessages, routeInbound } from './inbound';
import { parseJid } from './jid';
import { noTlsLookup, resolveOptions, type ResolvedOptions, type XmppAdapterOptions } from './options';
import { ReportLimiter } from './report-limiter';
import { Sender } from './sender';
import { Session } from './session';
import { MAX_MESSAGE_BYTES, NS_CARBONS, checkBody, presence } from './stanzas';

export function createXmppAdapter(options: XmppAdapterOptions): ProtocolAdapter {
  return new XmppAdapter(resolveOptions(options));
}

/** StanzaErrors from iq requests, in words. */
function iqFailure(what: string, err: unknown): AdapterError {
  if (err instanceof AdapterError) return err;
  const condition =
    typeof err === 'object' && err !== null && 'condition' in err
      ? String((err as { condition: unknown }).condition)
      : undefined;
  return new AdapterError(
    `${what} failed${condition ? `: the server answered ${condition}` : ''}.`,
    condition ? 'protocol' : 'network',
  );
}

/** One XMPP account. */
class XmppAdapter implements ProtocolAdapter {
  readonly protocol = 'xmpp' as const;
  readonly accountName: string;
  private readonly emitter = new TypedEmitter<AdapterEvents>((err) =>
    this.log('error', `an event listener threw: ${errorText(err)}`),
  );
  /** At most 20 reports of dropped input per 10 s; a flood of bad stanzas is summed up. */
  private readonly dropReports = new ReportLimiter(20, 10_000, (reason) => {
    this.log('warn', `dropped: ${reason}`);
    this.emit('dropped', { reason });
  });
  private readonly connection: XmppConnection;
  private readonly session: Session;
  private readonly sender: Sender;
  private readonly contacts: Contacts;
  private readonly groups: Groups;
  private myPresence: { availability: Availability; status?: string } = { availability: 'available' };

  constructor(private readonly options: ResolvedOptions) {
    this.accountName = options.bareJid;
    this.connection = new XmppConnection(options, {
      certificate: (c) => this.emit('certificate', c),
      dropped: (reason) => this.dropped(reason),
    });
    const { entity, iqCaller } = this.connection;
    // Without TLS, only to this machine: checked on the addresses of each connection.
    if (options.tls === 'none') entity.lookup = noTlsLookup(options.host);
    const write = (element: Element) => entity.send(element);
    this.groups = new Groups({
      send: write,
      request: (iq) => iqCaller.request(iq),
      members: (e) => this.emit('group.members', e),
      message: (e) => this.emit('group.message', e),
      joined: () => this.sender.flush(),
      log: (m) => this.log('info', m),
    });
    this.contacts = new Contacts({
      iqCaller,
      send: write,
      ownBare: options.bareJid,
      roster: (r) => this.emit('roster', r),
      presence: (p) => this.emit('presence', p),
      subscription: (s) => this.emit('subscription', s),
      dropped: (reason) => this.dropped(reason),
    });
    this.session = new Session(
      this.connection,
      { where: options.domain, logger: options.logger },
      {
        state: (state) => this.stateChanged(state),
        online: (kind) => this.online(kind),
        stopped: (reason) => this.stopped(reason),
      },
    );
    this.sender = new Sender({
      write,
      state: () => this.session.state,
      active: () => this.session.active,
      roomReady: (room) => this.groups.isJoined(room),
      ownJid: () => this.connection.boundJid(),
      emit: (event, payload) => this.emit(event, payload),
    });
    this.connection.sm.on('fail', (stanza: Element) => this.sender.onUnacknowledged(stanza));
    routeInbound((event, listener) => entity.on(event, listener), this.connection.iqCallee, {
      ownBare: options.bareJid,
      contacts: this.contacts,
      groups: this.groups,
      outbox: this.sender.outbox,
      recent: new RecentMessages(),
      emit: (event, payload) => this.emit(event, payload),
      dropped: (reason) => this.dropped(reason),
      log: (m) => this.log('info', m),
    });
  }

  // --- connection -------------------------------------------------------------------

  get state(): ConnectionState {
    return this.session.state;
  }

  connect(): Promise<void> {
    return this.session.connect();
  }

  async disconnect(): Promise<void> {
    await this.session.disconnect();
    this.contacts.stop();
    this.dropReports.flush();
  }

  private stateChanged(state: ConnectionState): void {
    if (state.state !== 'online') this.contacts.connectionLost();
    this.emit('state', state);
  }

  /** Online: after a new session, what the server forgot (roster, presence, carbons, rooms); then what waited is sent. */
  private online(kind: 'new' | 'resumed'): void {
    if (kind === 'new') {
      // RFC 6121 §2.2 and §4.2: roster first, then initial presence (written in that order).
      this.contacts
        .load()
        .catch((err: unknown) => this.log('warn', `roster: ${iqFailure('Loading the buddy list', err).message}`));
      this.write(presence(this.myPresence.availability, this.myPresence.status)).catch(() => undefined);
      // XEP-0280 §4: carbons, so that conversations held on another device show here too.
      this.connection.iqCaller
        .set(xml('enable', { xmlns: NS_CARBONS }))
        .catch(() => this.log('info', 'the server does not offer message carbons'));
      this.groups.rejoinAll();
    }
    this.sender.flush();
  }

  /** The account stopped trying: what waits to be sent or joined fails. */
  private stopped(reason: string): void {
    this.sender.failAll(reason);
    this.groups.clear(reason);
  }

  private write(element: Element): Promise<void> {
    return this.connection.entity.send(element);
  }

  private isOnline(): boolean {
    return this.session.state.state === 'online';
  }

  /** Refuses what needs the server now: roster changes and answers. */
  private requireOnline(what: string): void {
    if (!this.isOnline()) throw new AdapterError(`${what} needs the account to be online.`, 'network');
  }

  /** Refuses what cannot even wait for the connection: the account is offline, or stopped on an error. */
  private requireActive(what: string): void {
    if (!this.session.active) throw new AdapterError(`${what} needs the account to be connected.`, 'network');
  }

  // --- messages ---------------------------------------------------------------------

  get maxMessageBytes(): number {
    return MAX_MESSAGE_BYTES;
  }

  async sendMessage(peer: string, body: string, sendOptions?: SendOptions): Promise<SendResult> {
    const to = Contacts.peer(peer);
    const instance = sendOptions?.instance;
    if (instance !== undefined && !parseJid(`${to}/${instance}`))
      throw new AdapterError(`"${instance}" is not a resource of ${to}.`, 'config');
    checkBody(body);
    const message = {
      id: randomUUID(),
      kind: 'chat' as const,
      peer: to,
      body,
      otr: sendOptions?.otr === true,
      createdAt: new Date(),
      attempts: 0,
    };
    return this.sender.send(instance === undefined ? message : { ...message, instance });
  }

  // --- presence and roster ----------------------------------------------------------

  async setPresence(availability: Availability, status?: string): Promise<void> {
    if (availability === 'offline') return this.disconnect();
    if (availability === 'invisible') {
      // XEP-0186 (invisible command) is not in Prosody 0.12 or ejabberd, and privacy
      // lists (XEP-0016) are gone from Prosody; broadcasting "unavailable" instead would
      // also stop buddies' presence and empty our rooms. Better to say so than to pretend.
      throw new AdapterError('Appearing invisible is not supported on XMPP accounts yet.', 'protocol');
    }
    if (status !== undefined) checkBody(status);
    this.myPresence = status === undefined ? { availability } : { availability, status };
    if (!this.isOnline()) return;
    await this.write(presence(availability, status));
  }

  roster(): RosterEntry[] {
    return this.contacts.roster.list();
  }

  async addBuddy(peer: string, addOptions?: { name?: string; groups?: string[] }): Promise<void> {
    const jid = Contacts.peer(peer);
    this.requireOnline('Adding a buddy');
    await this.contacts.add(jid, addOptions?.name, addOptions?.groups ?? []).catch((err: unknown) => {
      throw iqFailure(`Adding ${jid}`, err);
    });
  }

  async removeBuddy(peer: string): Promise<void> {
    const jid = Contacts.peer(peer);
    this.requireOnline('Removing a buddy');
    await this.contacts.remove(jid).catch((err: unknown) => {
      throw iqFailure(`Removing ${jid}`, err);
    });
  }

  async answerSubscription(peer: string, accept: boolean): Promise<void> {
    const jid = Contacts.peer(peer);
    this.requireOnline('Answering a request');
    await this.contacts.answer(jid, accept);
  }

  // --- rooms ------------------------------------------------------------------------

  async joinGroup(room: string, nick?: string): Promise<void> {
    this.requireActive('Joining a room');
    await this.groups.join(room, nick ?? this.options.local, this.isOnline());
  }

  async leaveGroup(room: string): Promise<void> {
    await this.groups.leave(Groups.validate(room, this.options.local).room, this.isOnline());
  }

  async sendGroupMessage(room: string, body: string): Promise<void> {
    const { room: bare } = Groups.validate(room, this.options.local);
    if (!this.groups.isRoom(bare)) throw new AdapterError(`Not in the room ${bare}: join it first.`, 'protocol');
    checkBody(body);
    await this.sender.send({
      id: randomUUID(),
      kind: 'group',
      peer: bare,
      body,
      otr: false,
      createdAt: new Date(),
      attempts: 0,
    });
  }

  // --- events -----------------------------------------------------------------------

  on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  private emit<E extends AdapterEventName>(event: E, payload: AdapterEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  /** Input from the network that was dropped, and why: through the report limiter. */
  private dropped(reason: string): void {
    this.dropReports.report(reason);
  }

  private log(level: LogLevel, message: string): void {
    this.options.logger.log(level, message);
  }
}
