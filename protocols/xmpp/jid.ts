/**
 * RFC 7622 §3 (XMPP addresses), the parts the adapter needs: split a JID into
 * local, domain and resource, and refuse what cannot be an address. Full PRECIS
 * preparation is the server's job; we lower-case the local part and the domain
 * (their case-insensitive forms for the ASCII range) so that one buddy has one key.
 */
import { firstNonXmlChar } from './xml-text';

export interface Jid {
  local: string;
  domain: string;
  resource: string;
}

/** RFC 7622 §3.1: each part is at most 1023 bytes. */
const MAX_PART_BYTES = 1023;
/** RFC 7622 §3.3.1: characters a localpart may not contain. */
const LOCAL_FORBIDDEN = /[\s"&'/:<>@]/;
const DOMAIN_FORBIDDEN = /[\s"&'/:<>@\\]|^\.|\.\.|\.$/;

function partOk(part: string): boolean {
  return Buffer.byteLength(part, 'utf8') <= MAX_PART_BYTES && firstNonXmlChar(part) === undefined;
}

/** Parses `local@domain/resource`; undefined when it is not a valid address. */
export function parseJid(text: string): Jid | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  const slash = text.indexOf('/');
  const resource = slash === -1 ? '' : text.slice(slash + 1);
  const beforeResource = slash === -1 ? text : text.slice(0, slash);
  const at = beforeResource.indexOf('@');
  const local = at === -1 ? '' : beforeResource.slice(0, at);
  const domain = at === -1 ? beforeResource : beforeResource.slice(at + 1);
  if (at !== -1 && local.length === 0) return undefined;
  if (slash !== -1 && resource.length === 0) return undefined;
  if (domain.length === 0 || DOMAIN_FORBIDDEN.test(domain)) return undefined;
  if (LOCAL_FORBIDDEN.test(local)) return undefined;
  if (![local, domain, resource].every(partOk)) return undefined;
  if ([...resource].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) return undefined;
  return { local: local.toLowerCase(), domain: domain.toLowerCase(), resource };
}

export function formatBare(jid: Jid): string {
  return jid.local ? `${jid.local}@${jid.domain}` : jid.domain;
}

/** The bare form of an address, or undefined when it is not one. */
export function bareOf(text: string | undefined): string | undefined {
  const jid = text === undefined ? undefined : parseJid(text);
  return jid && formatBare(jid);
}
