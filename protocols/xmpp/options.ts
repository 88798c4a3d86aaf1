/**
 * The options of an XMPP account and their checks (RFC 6120 §3 connection,
 * §5 TLS): which host and port to reach, whether TLS comes first (XEP-0368
 * direct TLS) or by STARTTLS, and the one case where no TLS is allowed: a
 * server on this machine, where nothing crosses a network.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { AdapterError } from '../adapter';
import { formatBare, parseJid } from './jid';

export type TlsMode = 'starttls' | 'direct' | 'none';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Receives descriptions only: never a password, a key or a message body. */
export interface XmppLogger {
  log(level: LogLevel, message: string): void;
}

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
  logger: XmppLogger;
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
  /** The server is on this machine: PLAIN without TLS is acceptable there. */
  loopback: boolean;
  logger: XmppLogger;
}

/** 127.0.0.0/8, ::1 and `localhost`: connections that never leave the machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

function configError(message: string): AdapterError {
  return new AdapterError(message, 'config');
}

export function resolveOptions(options: XmppAdapterOptions): ResolvedOptions {
  const jid = parseJid(options.jid);
  if (!jid || !jid.local) throw configError(`"${options.jid}" is not an XMPP address of the form user@server.`);
  if (typeof options.password !== 'string' || options.password.length === 0) throw configError('The account has no password.');
  if (!['starttls', 'direct', 'none'].includes(options.tls)) throw configError(`Unknown TLS mode "${String(options.tls)}".`);
  const host = options.host ?? jid.domain;
  const loopback = isLoopback(host);
  if (options.tls === 'none' && !loopback) {
    throw configError(`Connecting to ${host} without TLS would expose the password and messages; that is allowed only for a server on this machine.`);
  }
  const port = options.port ?? (options.tls === 'direct' ? 5223 : 5222);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw configError(`${String(options.port)} is not a port number.`);
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
    loopback,
    logger: options.logger,
  };
}
