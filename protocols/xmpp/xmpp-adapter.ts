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
import { TypedEmitter } from '../common/typed-emitter';
import { createConnection } from './connection';
import { Contacts } from './contacts';
import { Groups } from './groups';
import { RecentMessages, routeInbound } from './inbound';
import { parseJid } from './jid';
import { noTlsLookup, resolveOptions, type XmppAdapterOptions } from './options';
import { ReportLimiter } from './report-limiter';
import { Sender } from './sender';
import { Session } from './session';
import { MAX_MESSAGE_BYTES, NS_CARBONS, checkBody, presence } from './stanzas';

/** StanzaErrors from iq requests, in words. */
function iqFailure(what: string, err: unknown): AdapterError {
  if (err instanceof AdapterError) return err;
  const condition = typeof err === 'object' && err !== null && 'condition' in err ? String((err as { condition: unknown }).condition) : undefined;
  return new AdapterError(`${what} failed${condition ? `: the server answered ${condition}` : ''}.`, condition ? 'protocol' : 'network');
}

export function createXmppAdapter(input: XmppAdapterOptions): ProtocolAdapter {
  const options = resolveOptions(input);
  const { logger, bareJid, domain } = options;
  const emitter = new TypedEmitter<AdapterEvents>((err) => logger.log('error', `an event listener threw: ${err instanceof Error ? err.message : String(err)}`));
  const emit = <E extends keyof AdapterEvents>(event: E, payload: AdapterEvents[E]) => emitter.emit(event, payload);
  // At most 20 reports of dropped input per 10 s; a flood of bad stanzas is summed up.
  const dropReports = new ReportLimiter(20, 10_000, (reason) => {
    logger.log('warn', `dropped: ${reason}`);
    emit('dropped', { reason });
  });
  const dropped = (reason: string) => dropReports.report(reason);

  const connection = createConnection(options, { certificate: (c) => emit('certificate', c), dropped });
  const { entity } = connection;
  // Without TLS, only to this machine: checked on the addresses of each connection.
  if (options.tls === 'none') entity.lookup = noTlsLookup(options.host);
  const write = (element: Element) => entity.send(element);
  let myPresence: { availability: Availability; status?: string } = { availability: 'available' };

  const groups = new Groups({
    send: write,
    request: (iq) => connection.iqCaller.request(iq),
    members: (e) => emit('group.members', e),
    message: (e) => emit('group.message', e),
    joined: () => sender.flush(),
    log: (m) => logger.log('info', m),
  });
  const contacts = new Contacts({
    iqCaller: connection.iqCaller,
    send: write,
    ownBare: bareJid,
    roster: (r) => emit('roster', r),
    presence: (p) => emit('presence', p),
    subscription: (s) => emit('subscription', s),
    dropped,
  });

  const session: Session = new Session(
    connection,
    { where: domain, logger },
    {
      state: (state) => {
        if (state.state !== 'online') contacts.connectionLost();
        emit('state', state);
      },
      online: (kind) => {
        if (kind === 'new') {
          // RFC 6121 §2.2 and §4.2: roster first, then initial presence (written in that order).
          contacts.load().catch((err: unknown) => logger.log('warn', `roster: ${iqFailure('Loading the buddy list', err).message}`));
          write(presence(myPresence.availability, myPresence.status)).catch(() => undefined);
          // XEP-0280 §4: carbons, so that conversations held on another device show here too.
          connection.iqCaller.set(xml('enable', { xmlns: NS_CARBONS })).catch(() => logger.log('info', 'the server does not offer message carbons'));
          groups.rejoinAll();
        }
        sender.flush();
      },
      stopped: (reason) => {
        sender.failAll(reason);
        groups.clear(reason);
      },
    },
  );

  const sender = new Sender({
    write,
    state: () => session.state,
    active: () => session.active,
    roomReady: (room) => groups.isJoined(room),
    ownJid: () => connection.boundJid(),
    emit,
  });
  connection.sm.on('fail', (stanza: Element) => sender.onUnacknowledged(stanza));
  routeInbound((event, listener) => entity.on(event, listener), connection.iqCallee, {
    ownBare: bareJid,
    contacts,
    groups,
    outbox: sender.outbox,
    recent: new RecentMessages(),
    emit: (event, payload) => (event === 'dropped' ? dropped((payload as AdapterEvents['dropped']).reason) : emit(event, payload)),
    log: (m) => logger.log('info', m),
  });

  const isOnline = () => session.state.state === 'online';
  const requireOnline = (what: string) => {
    if (!isOnline()) throw new AdapterError(`${what} needs the account to be online.`, 'network');
  };

  const adapter: ProtocolAdapter = {
    protocol: 'xmpp',
    accountName: bareJid,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    get state(): ConnectionState {
      return session.state;
    },

    connect: async () => session.connect(),

    async disconnect(): Promise<void> {
      await session.disconnect();
      contacts.stop();
      dropReports.flush();
    },

    async sendMessage(peer: string, body: string, sendOptions?: SendOptions): Promise<SendResult> {
      const to = Contacts.peer(peer);
      const instance = sendOptions?.instance;
      if (instance !== undefined && !parseJid(`${to}/${instance}`)) throw new AdapterError(`"${instance}" is not a resource of ${to}.`, 'config');
      checkBody(body);
      const message = { id: randomUUID(), kind: 'chat' as const, peer: to, body, otr: sendOptions?.otr === true, createdAt: new Date(), attempts: 0 };
      return sender.send(instance === undefined ? message : { ...message, instance });
    },

    async setPresence(availability: Availability, status?: string): Promise<void> {
      if (availability === 'offline') return adapter.disconnect();
      if (availability === 'invisible') {
        // XEP-0186 (invisible command) is not in Prosody 0.12 or ejabberd, and privacy
        // lists (XEP-0016) are gone from Prosody; broadcasting "unavailable" instead would
        // also stop buddies' presence and empty our rooms. Better to say so than to pretend.
        throw new AdapterError('Appearing invisible is not supported on XMPP accounts yet.', 'protocol');
      }
      if (status !== undefined) checkBody(status);
      myPresence = status === undefined ? { availability } : { availability, status };
      if (!isOnline()) return;
      await write(presence(availability, status));
    },

    roster: (): RosterEntry[] => contacts.roster.list(),

    async addBuddy(peer, addOptions): Promise<void> {
      const jid = Contacts.peer(peer);
      requireOnline('Adding a buddy');
      await contacts.add(jid, addOptions?.name, addOptions?.groups ?? []).catch((err: unknown) => {
        throw iqFailure(`Adding ${jid}`, err);
      });
    },

    async removeBuddy(peer): Promise<void> {
      const jid = Contacts.peer(peer);
      requireOnline('Removing a buddy');
      await contacts.remove(jid).catch((err: unknown) => {
        throw iqFailure(`Removing ${jid}`, err);
      });
    },

    async answerSubscription(peer, accept): Promise<void> {
      const jid = Contacts.peer(peer);
      requireOnline('Answering a request');
      await contacts.answer(jid, accept);
    },

    async joinGroup(room, nick): Promise<void> {
      if (!session.active) throw new AdapterError('Joining a room needs the account to be connected.', 'network');
      await groups.join(room, nick ?? options.local, isOnline());
    },

    async leaveGroup(room): Promise<void> {
      await groups.leave(Groups.validate(room, options.local).room, isOnline());
    },

    async sendGroupMessage(room, body): Promise<void> {
      const { room: bare } = Groups.validate(room, options.local);
      if (!groups.isRoom(bare)) throw new AdapterError(`Not in the room ${bare}: join it first.`, 'protocol');
      checkBody(body);
      await sender.send({ id: randomUUID(), kind: 'group', peer: bare, body, otr: false, createdAt: new Date(), attempts: 0 });
    },

    on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
      return emitter.on(event, listener);
    },
  };
  return adapter;
}
