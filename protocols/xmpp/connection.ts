/**
 * RFC 6120 §4–§7 (stream, TLS, SASL, resource binding) and XEP-0198 (stream
 * management), composed from xmpp.js's small packages the way @xmpp/client
 * does, with our own TLS (tls-socket.ts, starttls.ts), SASL mechanisms and
 * policy (sasl.ts) and no automatic reconnection: session.ts decides when to
 * try again. One XmppConnection lives as long as the adapter, so that stream
 * management can resume the same session after a short outage.
 */
import type { XmppSocket } from '@xmpp/connection';
import iqCallee, { type IqCallee } from '@xmpp/iq/callee.js';
import iqCaller, { type IqCaller } from '@xmpp/iq/caller.js';
import middleware, { type MiddlewareApi } from '@xmpp/middleware';
import resourceBinding from '@xmpp/resource-binding';
import sasl from '@xmpp/sasl';
import streamFeatures from '@xmpp/stream-features';
import streamManagement, { type StreamManagement } from '@xmpp/stream-management';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import { xml } from '@xmpp/xml';
import type { UntrustedCertificate } from '../adapter';
import { errorText } from '../common/error-text';
import type { Logger } from '../common/logger';
import { GuardedClient } from './guarded-client';
import type { ResolvedOptions } from './options';
import { MechanismFactory, makeOnAuthenticate } from './sasl';
import { setupStartTls } from './starttls';
import { askForAcks, failUnresumable, requeueFailedResend } from './stream-management';
import { verifiedTlsSocketClass, type TlsPolicy } from './tls-socket';

const NS_SM = 'urn:xmpp:sm:3';

export interface ConnectionEvents {
  certificate(certificate: UntrustedCertificate): void;
  dropped(reason: string): void;
}

export interface XmppConnection {
  readonly entity: GuardedClient;
  readonly iqCaller: IqCaller;
  readonly iqCallee: IqCallee;
  readonly sm: StreamManagement;
  /** One attempt: socket, stream, TLS, SASL, then bind or resume. */
  open(timeoutMs: number): Promise<'new' | 'resumed'>;
  /** Closes at once, without the stream's goodbye (the attempt failed or the stream is broken). */
  abort(): void;
  /**
   * Signs off (RFC 6120 §4.4): acknowledges what we received, closes our stream,
   * waits up to `graceMs` for the server to close its own (0: no goodbye), then
   * closes the socket and ends the stream-management session.
   * Used instead of xmpp.js's stop(), which keeps waiting in the background
   * (10 s) and would then close whatever socket the entity has by that time.
   */
  close(graceMs: number): Promise<void>;
  /** The full JID bound by the last successful attempt. */
  boundJid(): string | undefined;
  /** XEP-0198 §4: asks the server to acknowledge what we sent; resolves when it has, or after `timeoutMs`. */
  drainAcks(timeoutMs: number): Promise<void>;
}

/**
 * A login runs as stream-feature handlers (SASL, bind, XEP-0198 <enable/> or
 * <resume/>) that wait for their answer on the entity, not on the connection:
 * when the connection drops mid-login they go on waiting, then take the next
 * connection's answers for their own (a SCRAM challenge meant for another
 * nonce, which fails the sign-in as if the password were wrong; an <enabled/>)
 * and throw their failures into its attempt. On every drop they are cut off:
 * what xmpp.js's procedure() waits with is removed (the only listeners of
 * 'nonza' are those steps', theirs and sasl.ts's), so they never settle, and
 * whatever a handler of a dead connection still throws (a bind that timed
 * out) is logged, not raised.
 */
function cutOffDeadLogins(entity: GuardedClient, mw: MiddlewareApi, logger: Logger): void {
  let drops = 0;
  entity.on('disconnect', () => {
    drops += 1;
    entity.removeAllListeners('nonza');
  });
  mw.use(async (_context, next) => {
    const connection = drops;
    try {
      return await next();
    } catch (err) {
      if (connection === drops) throw err;
      logger.log('debug', `a step of a connection that has since closed failed: ${errorText(err)}`);
      return undefined;
    }
  });
}

/** A transport class for xmpp.js: plain TCP (xmpp:) or our verified TLS (xmpps:). */
function transportFor(options: ResolvedOptions, policy: TlsPolicy): typeof ConnectionTCP {
  if (options.tls !== 'direct') return ConnectionTCP;
  class DirectTls extends ConnectionTCP {
    override socketParameters(service: string): { port: number; host: string } | undefined {
      const url = new URL(service);
      return url.protocol === 'xmpps:' ? { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) } : undefined;
    }
  }
  (DirectTls.prototype as unknown as { Socket: unknown }).Socket = verifiedTlsSocketClass(policy);
  return DirectTls;
}

export function createConnection(options: ResolvedOptions, events: ConnectionEvents): XmppConnection {
  const { domain, host, port, logger } = options;
  const scheme = options.tls === 'direct' ? 'xmpps' : 'xmpp';
  const service = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const entity = new GuardedClient({ service, domain, lang: 'en', timeout: 10_000 });
  entity.guard = { dropped: events.dropped };

  const policy: TlsPolicy = {
    domain,
    trustedFingerprints: options.trustedCertificates,
    onUntrusted: events.certificate,
    onTrusted: (by) => logger.log('info', `TLS to ${domain}: certificate trusted ${by === 'user' ? 'by the fingerprint the user accepted' : 'by the system authorities'}`),
  };
  entity.transports.push(transportFor(options, policy));

  // Order matters, as in @xmpp/client: features are offered to handlers in the
  // order they are registered.
  const mw = middleware({ entity });
  cutOffDeadLogins(entity, mw, logger);
  const features = streamFeatures({ middleware: mw });
  const caller = iqCaller({ middleware: mw, entity });
  const callee = iqCallee({ middleware: mw, entity });
  setupStartTls(features, options.tls, policy);
  const factory = new MechanismFactory();
  sasl(
    { streamFeatures: features, saslFactory: factory },
    makeOnAuthenticate(factory, { username: options.local, password: options.password }, options.loopback, (mechanism) =>
      logger.log('info', `signing in to ${domain} with ${mechanism}${entity.isSecure() ? ' over TLS' : ' without TLS (loopback)'}`),
    ),
  );
  const sm = streamManagement({ streamFeatures: features, entity, middleware: mw });
  // xmpp.js's own count of received stanzas is wrong (see GuardedClient.inboundStanzas):
  // it reads ours, and its writes to it are ignored.
  Object.defineProperty(sm, 'inbound', { get: () => entity.inboundStanzas, set: () => undefined, configurable: true });
  // XEP-0198 §4: after 30 s of quiet xmpp.js asks for an ack; a connection that
  // does not answer within 15 s (not the default 60) is taken for dead and replaced.
  sm.timeout = 15_000;
  askForAcks(entity, sm);
  requeueFailedResend(entity, sm);
  resourceBinding({ iqCaller: caller, streamFeatures: features }, options.resource);
  // XEP-0199: answer the server's pings, or it may take us for dead.
  callee.get('urn:xmpp:ping', 'ping', () => ({}));

  function abort(): void {
    const socket = entity.socket as (XmppSocket & { destroy?: () => void }) | null;
    socket?.destroy?.();
  }

  /**
   * xmpp.js forgets whichever socket it holds when a socket's 'close' event
   * comes, so an attempt started before the last one's socket had closed (a
   * connect() right after a failure) lost its own socket to that late event.
   * The last socket is closed first: its 'disconnect' comes before the attempt.
   */
  async function closePrevious(): Promise<void> {
    const socket = entity.socket as (XmppSocket & { destroy?: () => void }) | null;
    if (!socket) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy?.();
    await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    if (entity.socket !== socket) return;
    entity._detachSocket();
    entity._status('disconnect', { clean: false });
  }

  async function open(timeoutMs: number): Promise<'new' | 'resumed'> {
    await closePrevious();
    failUnresumable(sm);
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        entity.off('online', onOnline);
        entity.off('error', fail);
        entity.off('disconnect', onDisconnect);
        sm.off('resumed', onResumed);
      };
      function settle(action: () => void): void {
        if (settled) return;
        settled = true;
        cleanup();
        action();
      }
      function fail(err: unknown): void {
        settle(() => {
          abort();
          reject(err);
        });
      }
      const onOnline = () => settle(() => resolve('new'));
      const onResumed = () => settle(() => resolve('resumed'));
      const onDisconnect = () => fail(Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' }));
      entity.on('online', onOnline);
      entity.on('error', fail);
      entity.on('disconnect', onDisconnect);
      sm.on('resumed', onResumed);
      entity
        .connect(service)
        .then(() => entity.open({ domain, lang: 'en' }))
        .catch(fail);
    });
  }

  async function close(graceMs: number): Promise<void> {
    const socket = entity.socket as (XmppSocket & { destroy?: () => void }) | null;
    if (socket) {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      const within = (ms: number) => Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
      if (graceMs > 0) {
        try {
          if (sm.enabled) await entity.send(xml('a', { xmlns: NS_SM, h: entity.inboundStanzas }));
          await entity.write('</stream:stream>');
          await within(graceMs);
        } catch {
          // The socket was already gone: nothing to be polite to.
        }
      }
      abort();
      await within(1000);
    }
    // 'offline' tells xmpp.js's stream management the session is over: it
    // reports what the server never acknowledged (see Sender.onUnacknowledged).
    entity._status('offline');
  }

  function drainAcks(timeoutMs: number): Promise<void> {
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

  return {
    entity,
    close,
    drainAcks,
    iqCaller: caller,
    iqCallee: callee,
    sm,
    open,
    abort,
    boundJid: () => entity.jid?.toString(),
  };
}
