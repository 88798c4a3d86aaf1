/**
 * What a Session (session.ts) is given and what it reports, in our own types:
 * nothing of irc-framework appears here. Also the words for socket errors.
 */
import type { AdapterError, UntrustedCertificate } from '../adapter';
import type { AccountConfig } from './options';
import type { LookupFunction } from 'node:net';
import type { LogLevel } from '../common/logger';
import type { Pacer } from './pacer';

/** What the transport under irc-framework (transport.ts) needs of the account. */
export interface TransportHooks {
  pacer: Pacer;
  /** Fingerprints the user accepted for certificates the system does not trust. */
  trustedCertificates(): readonly string[];
  /** Extra trust anchors (PEM), added to the system's. */
  caCertificates?: readonly string[] | undefined;
  onUntrustedCertificate(certificate: UntrustedCertificate): void;
  /** Without TLS: how the server's name is resolved, when a password must stay on this machine (options.ts plaintextLookup). */
  lookup?: LookupFunction | undefined;
  onDropped(reason: string): void;
  log(level: LogLevel, message: string): void;
}

export interface SessionConfig extends AccountConfig {
  hooks: Omit<TransportHooks, 'onUntrustedCertificate' | 'lookup'>;
  registrationTimeoutMs?: number;
}

export interface InboundText {
  from: string;
  target: string;
  /** The text exactly as it came; CTCP keeps its \x01 framing. */
  text: string;
  notice: boolean;
  time: Date;
}

export interface SessionEvents {
  /** Registered, past the welcome and MOTD: ready for use. */
  registered(nick: string): void;
  /** Registration failed; the session is over. */
  failed(error: AdapterError): void;
  /** The registered connection ended. */
  closed(reason: string): void;
  certificate(certificate: UntrustedCertificate): void;
  /** How the server shows us, as it tells us. */
  identity(update: { nick?: string | undefined; user?: string | undefined; host?: string | undefined }): void;
  isupport(options: Record<string, unknown>): void;
  message(message: InboundText): void;
  joined(room: string, nick: string): void;
  parted(room: string, nick: string): void;
  kicked(room: string, nick: string): void;
  quit(nick: string): void;
  renamed(from: string, to: string): void;
  names(room: string, nicks: string[]): void;
  away(nick: string, message: string): void;
  back(nick: string): void;
  ison(nicks: string[]): void;
  monitor(nicks: string[], online: boolean): void;
  /** A 4xx/5xx reply after registration: `target` is its first parameter after our nick. */
  serverError(code: string, target: string, reason: string): void;
}

export function describeSocketError(err: unknown, host: string, port: number): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `${host}:${port} refused the connection: is the server running on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The server name ${host} could not be found.`;
    case 'ETIMEDOUT':
      return `${host} did not answer in time.`;
    case 'ECONNRESET':
      return 'The connection was reset.';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return `${host}:${port} did not answer in TLS: is this the server's TLS port?`;
  }
  return err instanceof Error && err.message ? err.message : 'The server closed the connection.';
}
