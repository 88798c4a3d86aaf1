/**
 * RFC 6120 §4–§7 (stream, TLS, SASL, resource binding), XEP-0198 (stream
 * management) and XEP-0199 (ping), composed from xmpp.js's small packages the
 * way @xmpp/client does, with our own TLS (tls-socket.ts, starttls.ts), SASL
 * mechanisms and policy (sasl.ts), and no automatic reconnection: this builds
 * the client once; connection.ts opens and closes it, session.ts decides when.
 */
import iqCallee, { type IqCallee } from '@xmpp/iq/callee.js';
import iqCaller, { type IqCaller } from '@xmpp/iq/caller.js';
import middleware, { type MiddlewareApi } from '@xmpp/middleware';
import resourceBinding from '@xmpp/resource-binding';
import sasl from '@xmpp/sasl';
import streamFeatures from '@xmpp/stream-features';
import streamManagement, { type StreamManagement } from '@xmpp/stream-management';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import type { UntrustedCertificate } from '../adapter';
import { errorText } from '../common/error-text';
import type { Logger } from '../common/logger';
import { GuardedClient } from './guarded-client';
import type { ResolvedOptions } from './options';
import { MechanismFactory, makeOnAuthenticate } from './sasl';
import { setupStartTls } from './starttls';
import { askForAcks, requeueFailedResend } from './stream-management';
import { verifiedTlsSocketClass, type TlsPolicy } from './tls-socket';

export interface ConnectionEvents {
  certificate(certificate: UntrustedCertificate): void;
  dropped(reason: string): void;
}

export interface ClientStack {
  /** Where the client connects: `xmpp://host:port`, or `xmpps://` for direct TLS. */
  service: string;
  entity: GuardedClient;
  iqCaller: IqCaller;
  iqCallee: IqCallee;
  sm: StreamManagement;
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
      return url.protocol === 'xmpps:'
        ? { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) }
        : undefined;
    }
  }
  (DirectTls.prototype as unknown as { Socket: unknown }).Socket = verifiedTlsSocketClass(policy);
  return DirectTls;
}

function tlsPolicy(options: ResolvedOptions, events: ConnectionEvents): TlsPolicy {
  const { domain, logger } = options;
  return {
    domain,
    trustedFingerprints: options.trustedCertificates,
    onUntrusted: events.certificate,
    onTrusted: (by) =>
      logger.log(
        'info',
        `TLS to ${domain}: certificate trusted ${by === 'user' ? 'by the fingerprint the user accepted' : 'by the system authorities'}`,
      ),
  };
}

/** XEP-0198 as xmpp.js does it, with what it misses made up for (stream-management.ts). */
function setupStreamManagement(entity: GuardedClient, sm: StreamManagement): void {
  // xmpp.js's own count of received stanzas is wrong (see GuardedClient.inboundStanzas):
  // it reads ours, and its writes to it are ignored.
  Object.defineProperty(sm, 'inbound', { get: () => entity.inboundStanzas, set: () => undefined, configurable: true });
  // XEP-0198 §4: after 30 s of quiet xmpp.js asks for an ack; a connection that
  // does not answer within 15 s (not the default 60) is taken for dead and replaced.
  sm.timeout = 15_000;
  askForAcks(entity, sm);
  requeueFailedResend(entity, sm);
}

export function buildClient(options: ResolvedOptions, events: ConnectionEvents): ClientStack {
  const { domain, host, port, logger } = options;
  const scheme = options.tls === 'direct' ? 'xmpps' : 'xmpp';
  const service = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const entity = new GuardedClient({ service, domain, lang: 'en', timeout: 10_000 });
  entity.guard = { dropped: events.dropped };
  const policy = tlsPolicy(options, events);
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
    makeOnAuthenticate(
      factory,
      { username: options.local, password: options.password },
      options.loopback,
      (mechanism) =>
        logger.log(
          'info',
          `signing in to ${domain} with ${mechanism}${entity.isSecure() ? ' over TLS' : ' without TLS (loopback)'}`,
        ),
    ),
  );
  const sm = streamManagement({ streamFeatures: features, entity, middleware: mw });
  setupStreamManagement(entity, sm);
  resourceBinding({ iqCaller: caller, streamFeatures: features }, options.resource);
  // XEP-0199: answer the server's pings, or it may take us for dead.
  callee.get('urn:xmpp:ping', 'ping', () => ({}));
  return { service, entity, iqCaller: caller, iqCallee: callee, sm };
}
