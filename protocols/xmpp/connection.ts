/**
 * RFC 6120 §4 (XML streams: opening, and closing with §4.4's goodbye) and
 * XEP-0198 §4 (acknowledgements) for one account: attempts to connect and
 * sign in over the client that client-stack.ts builds, and the ways to end one.
 * One XmppConnection lives as long as the adapter, so that stream management
 * can resume the same session after a short outage (XEP-0198 §5).
 */
import type { XmppSocket } from '@xmpp/connection';
import type { IqCallee } from '@xmpp/iq/callee.js';
import type { IqCaller } from '@xmpp/iq/caller.js';
import type { StreamManagement } from '@xmpp/stream-management';
import { xml } from '@xmpp/xml';
import { buildClient, type ConnectionEvents } from './client-stack';
import type { GuardedClient } from './guarded-client';
import type { ResolvedOptions } from './options';
import { failUnresumable } from './stream-management';

const NS_SM = 'urn:xmpp:sm:3';

type Socket = XmppSocket & { destroy?: () => void };

/** Starts listening for `socket`'s close; the wait it returns ends then, or after `ms`, whichever comes first. */
function closeWaiter(socket: Socket): (ms: number) => Promise<void> {
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return (ms) => Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
}

export class XmppConnection {
  readonly entity: GuardedClient;
  readonly iqCaller: IqCaller;
  readonly iqCallee: IqCallee;
  readonly sm: StreamManagement;
  private readonly service: string;

  constructor(
    private readonly options: ResolvedOptions,
    events: ConnectionEvents,
  ) {
    ({
      service: this.service,
      entity: this.entity,
      iqCaller: this.iqCaller,
      iqCallee: this.iqCallee,
      sm: this.sm,
    } = buildClient(options, events));
  }

  /** The full JID bound by the last successful attempt. */
  boundJid(): string | undefined {
    return this.entity.jid?.toString();
  }

  /** One attempt: socket, stream, TLS, SASL, then bind or resume. */
  async open(timeoutMs: number): Promise<'new' | 'resumed'> {
    await this.closePrevious();
    failUnresumable(this.sm);
    return this.login(timeoutMs);
  }

  /** Closes at once, without the stream's goodbye (the attempt failed or the stream is broken). */
  abort(): void {
    this.socket()?.destroy?.();
  }

  /**
   * Signs off (RFC 6120 §4.4): acknowledges what we received, closes our stream,
   * waits up to `graceMs` for the server to close its own (0: no goodbye), then
   * closes the socket and ends the stream-management session.
   * Used instead of xmpp.js's stop(), which keeps waiting in the background
   * (10 s) and would then close whatever socket the entity has by that time.
   */
  async close(graceMs: number): Promise<void> {
    const socket = this.socket();
    if (socket) {
      const within = closeWaiter(socket);
      if (graceMs > 0) await this.sayGoodbye(() => within(graceMs));
      this.abort();
      await within(1000);
    }
    // 'offline' tells xmpp.js's stream management the session is over: it
    // reports what the server never acknowledged (see Sender.onUnacknowledged).
    this.entity._status('offline');
  }

  /** XEP-0198 §4: asks the server to acknowledge what we sent; resolves when it has, or after `timeoutMs`. */
  drainAcks(timeoutMs: number): Promise<void> {
    const { sm, entity } = this;
    if (!sm.enabled || sm.outbound_q.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sm.off('ack', onAck);
        resolve();
      };
      const onAck = () => {
        if (sm.outbound_q.length === 0) done();
      };
      const timer = setTimeout(done, timeoutMs);
      sm.on('ack', onAck);
      entity.send(xml('r', { xmlns: NS_SM })).catch(done);
    });
  }

  private socket(): Socket | null {
    return this.entity.socket as Socket | null;
  }

  /**
   * xmpp.js forgets whichever socket it holds when a socket's 'close' event
   * comes, so an attempt started before the last one's socket had closed (a
   * connect() right after a failure) lost its own socket to that late event.
   * The last socket is closed first: its 'disconnect' comes before the attempt.
   */
  private async closePrevious(): Promise<void> {
    const socket = this.socket();
    if (!socket) return;
    const within = closeWaiter(socket);
    socket.destroy?.();
    await within(1000);
    if (this.entity.socket !== socket) return;
    this.entity._detachSocket();
    this.entity._status('disconnect', { clean: false });
  }

  /** Waits for the login to end: online (new session), resumed, or failed (error, disconnect, timeout). */
  private login(timeoutMs: number): Promise<'new' | 'resumed'> {
    const { entity, sm } = this;
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        entity.off('online', onOnline);
        entity.off('error', fail);
        entity.off('disconnect', onDisconnect);
        sm.off('resumed', onResumed);
        action();
      };
      const fail = (err: unknown) =>
        settle(() => {
          this.abort();
          reject(err);
        });
      const onOnline = () => settle(() => resolve('new'));
      const onResumed = () => settle(() => resolve('resumed'));
      const onDisconnect = () =>
        fail(Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' }));
      entity.on('online', onOnline);
      entity.on('error', fail);
      entity.on('disconnect', onDisconnect);
      sm.on('resumed', onResumed);
      entity
        .connect(this.service)
        .then(() => entity.open({ domain: this.options.domain, lang: 'en' }))
        .catch(fail);
    });
  }

  /** Acknowledges what we received and closes our stream; the socket may already be gone. */
  private async sayGoodbye(serverClosed: () => Promise<void>): Promise<void> {
    try {
      if (this.sm.enabled) await this.entity.send(xml('a', { xmlns: NS_SM, h: this.entity.inboundStanzas }));
      await this.entity.write('</stream:stream>');
      await serverClosed();
    } catch {
      // The socket was already gone: nothing to be polite to.
    }
  }
}
