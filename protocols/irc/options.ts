/**
 * What an IRC account is configured with, checked once when the adapter is
 * made: RFC 2812 §2.3.1 nick grammar (letters, digits and []\`_^{|}-, not
 * starting with a digit or -), a port, and a server password (PASS) or SASL
 * only where it cannot be read on the way: TLS, or this machine. An address is
 * checked here; a name when it is resolved, at each connection
 * (../common/loopback.ts).
 */
import { isIP, type LookupFunction } from 'node:net';
import { AdapterError } from '../adapter';
import { isLoopbackAddress, loopbackOnlyLookup } from '../common/loopback';
import type { Logger } from '../common/logger';
import type { CtcpAnswers } from './ctcp';
import type { FloodPolicy } from './flood-clock';
import type { InboundPolicy } from './inbound-limiter';
export interface SaslCredentials {
  account: string;
  password: string;
}

export interface IrcAdapterOptions {
  nick: string;
  host: string;
  port: number;
  tls: boolean;
  /** Server password (PASS). */
  password?: string;
  /** SASL PLAIN account and password. */
  sasl?: SaslCredentials;
  /** Nicks to try when `nick` is taken; default nick_ and nick__. */
  alternativeNicks?: string[];
  /** USER name; default derived from the nick. */
  username?: string;
  /** Real name shown by WHOIS; default the nick (nothing about the client or the person). */
  realname?: string;
  /** SHA-256 fingerprints of certificates the user accepted although the system does not trust them. */
  trustedCertificates?: string[];
  /** Extra trust anchors (PEM), e.g. a private CA, added to the system's. */
  caCertificates?: string[];
  /** Buddies the app kept from before: the roster starts with them. */
  buddies?: { peer: string; name?: string | undefined; groups?: string[] | undefined }[];
  /** Answers to CTCP queries; by default none (see ctcp.ts). */
  ctcp?: CtcpAnswers;
  /** Outgoing pacing; the default suits ngIRCd and RFC 1459 servers. */
  flood?: Partial<FloodPolicy>;
  /** Incoming messages accepted per sender before they count as a flood. */
  inbound?: InboundPolicy;
  /** How long a connection must last before a drop starts the reconnection backoff over (default 60 s, ../common/backoff.ts). */
  stableAfterMs?: number;
  logger: Logger;
}

export const NICK_PATTERN = /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*$/;

/** What would go in the clear without TLS, in words, or undefined when nothing secret would. */
function plaintextSecret(o: Pick<IrcAdapterOptions, 'tls' | 'password' | 'sasl'>): string | undefined {
  if (o.tls) return undefined;
  if (o.password) return 'the server password (PASS)';
  if (o.sasl) return 'the SASL PLAIN password';
  return undefined;
}

const refusal = (secret: string, host: string, where: string) =>
  `Not sending ${secret} to ${host} without TLS: ${where}, and anyone on the way could read it. Turn TLS on for this server, or remove the password.`;

/**
 * For net.connect: without TLS, a password goes only to a name that resolves to
 * this machine alone; undefined when no password would go in the clear.
 */
export function plaintextLookup(
  o: Pick<IrcAdapterOptions, 'host' | 'tls' | 'password' | 'sasl'>,
): LookupFunction | undefined {
  const secret = plaintextSecret(o);
  if (!secret) return undefined;
  return loopbackOnlyLookup((elsewhere) =>
    refusal(secret, o.host, `the name leads to ${elsewhere.join(', ') || 'no address'}, not only to this machine`),
  );
}

/** What every connection of the account is made with, once checked. */
export interface AccountConfig {
  host: string;
  port: number;
  tls: boolean;
  /** The nick, then the alternatives to try when it is taken. */
  nicks: readonly string[];
  username: string;
  realname: string;
  password?: string;
  sasl?: SaslCredentials;
}

/** Checks the options; throws an AdapterError of kind 'config' saying what is wrong. */
export function checkOptions(o: IrcAdapterOptions): AccountConfig {
  const bad = (message: string) => new AdapterError(message, 'config');
  if (!NICK_PATTERN.test(o.nick))
    throw bad(
      `"${o.nick}" is not a valid IRC nick: use letters, digits and []\\\`_^{|}-, not starting with a digit or -.`,
    );
  const alternatives = o.alternativeNicks ?? [`${o.nick}_`, `${o.nick}__`];
  for (const nick of alternatives) if (!NICK_PATTERN.test(nick)) throw bad(`"${nick}" is not a valid IRC nick.`);
  if (!o.host || /\s/.test(o.host)) throw bad('The IRC server name is missing or has spaces.');
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw bad(`${o.port} is not a TCP port.`);
  const secret = plaintextSecret(o);
  const address = o.host.replace(/^\[|\]$/g, '');
  if (secret && isIP(address) !== 0 && !isLoopbackAddress(address))
    throw bad(refusal(secret, o.host, 'that address is not this machine'));
  for (const [name, value] of [
    ['password', o.password],
    ['SASL account', o.sasl?.account],
    ['SASL password', o.sasl?.password],
  ] as const) {
    if (value !== undefined && /[\r\n\0]/.test(value)) throw bad(`The ${name} cannot contain line breaks or NUL.`);
  }
  const username = o.username ?? (o.nick.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'user');
  if (!/^[^\s@\0\r\n]+$/.test(username)) throw bad(`"${username}" cannot be an IRC user name.`);
  const realname = o.realname ?? o.nick;
  if (/[\r\n\0]/.test(realname)) throw bad('The real name cannot contain line breaks.');
  const nicks = [o.nick, ...alternatives.filter((n) => n !== o.nick)];
  const { host, port, tls, password, sasl } = o;
  return {
    host,
    port,
    tls,
    nicks,
    username,
    realname,
    ...(password === undefined ? {} : { password }),
    ...(sasl === undefined ? {} : { sasl }),
  };
}
