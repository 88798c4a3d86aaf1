/**
 * The options of an XMPP account and their checks (RFC 6120 §3 connection,
 * §5 TLS): which host and port to reach, whether TLS comes first (XEP-0368
 * direct TLS) or by STARTTLS, and the one case where no TLS is allowed: a
 * server on this machine, where nothing crosses a network. An address is
 * checked here; a name when it is resolved, at each connection
 * (../common/loopback.ts).
 */
import { randomBytes } from 'node:crypto';
import { isIP, type LookupFunction } from 'node:net';
import { AdapterError } from '../adapter';
import { isLoopbackAddress, loopbackOnlyLookup } from '../common/loopback';
import type { Logger } from '../common/logger';
import { formatBare, parseJid } from './jid';

export type TlsMode = 'starttls' | 'direct' | 'none';

export interface XmppAdapterOptions {
  /** The account's bare JID, `user@domain`. */
  jid: string;
  password: string;
  /** Where to connect; the JID's domain when absent (no DNS SRV lookup yet). */
  host?: string;
  /** 5222 for STARTTLS and none, 5223 for direct TLS when absent. */
  port?: number;
  tls: TlsMode;
  /** The resource to bind; `sotto-` and a random suffix when absent. */
  resource?: string;
  /** SHA-256 fingerprints (colon-separated hex) of certificates the user accepted. */
  trustedCertificates?: string[];
  logger: Logger;
}

export interface ResolvedOptions {
  bareJid: string;
  local: string;
  domain: string;
  password: string;
  host: string;
  port: number;
  tls: TlsMode;
  resource: string;
  trustedCertificates: string[];
  /**
   * No TLS, so the server must be on this machine: PLAIN without TLS is acceptable
   * there. A host name is held to it when it is resolved (noTlsLookup, at each connection).
   */
  loopback: boolean;
  logger: Logger;
}

function configError(message: string): AdapterError {
  return new AdapterError(message, 'config');
}

export function resolveOptions(options: XmppAdapterOptions): ResolvedOptions {
  const jid = parseJid(options.jid);
  if (!jid || !jid.local) throw configError(`"${options.jid}" is not an XMPP address of the form user@server.`);
  if (typeof options.password !== 'string' || options.password.length === 0)
    throw configError('The account has no password.');
  if (!['starttls', 'direct', 'none'].includes(options.tls))
    throw configError(`Unknown TLS mode "${String(options.tls)}".`);
  const host = options.host ?? jid.domain;
  if (options.tls === 'none' && isIP(host.replace(/^\[|\]$/g, '')) !== 0 && !isLoopbackAddress(host)) {
    throw configError(
      `Connecting to ${host} without TLS would expose the password and messages; that is allowed only for a server on this machine.`,
    );
  }
  const port = options.port ?? (options.tls === 'direct' ? 5223 : 5222);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw configError(`${String(options.port)} is not a port number.`);
  const resource = options.resource ?? `sotto-${randomBytes(4).toString('hex')}`;
  if (!parseJid(`${jid.domain}/${resource}`)) throw configError(`"${resource}" cannot be used as a resource.`);
  return {
    bareJid: formatBare(jid),
    local: jid.local,
    domain: jid.domain,
    password: options.password,
    host,
    port,
    tls: options.tls,
    resource,
    trustedCertificates: options.trustedCertificates ?? [],
    loopback: options.tls === 'none',
    logger: options.logger,
  };
}

/** For net.connect without TLS: goes ahead only when `host` resolves to this machine alone. */
export function noTlsLookup(host: string): LookupFunction {
  return loopbackOnlyLookup(
    (elsewhere) =>
      `Not connecting to ${host} without TLS: the name leads to ${elsewhere.length ? elsewhere.join(', ') : 'no address'}, not only to this machine, and the password and messages would cross the network readable. Turn TLS on for this account.`,
  );
}
