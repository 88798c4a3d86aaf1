/**
 * RFC 5280 §4.1.2 (a certificate's subject, issuer and validity) in the words
 * both adapters show the user about a certificate the system does not trust
 * (the `certificate` event), and the SHA-256 fingerprint the user accepts it by,
 * as Pidgin does. Whether to trust it is each protocol's own check:
 * xmpp/cert-check.ts (the XMPP domain, RFC 7590), irc/certificate.ts (the host).
 */
import { createHash } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import type { UntrustedCertificate } from '../adapter';

/**
 * Upper-case hex pairs joined by colons; accepts any case and colons, spaces or
 * nothing between pairs. Anything else stays in, so that a mistyped fingerprint
 * never matches.
 */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/** The fingerprint of a DER certificate, in the form the user sees. */
export function sha256Fingerprint(der: Buffer): string {
  return normalizeFingerprint(createHash('sha256').update(der).digest('hex'));
}

/** A distinguished name as one line: `CN=example.org, O=Example`. */
export function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name || typeof name !== 'object') return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

/** A certificate's date as ISO 8601, or as it came when it cannot be read. */
export function isoDate(text: string | undefined): string {
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : (text ?? '');
}

/** What the `certificate` event says of a certificate refused for `reason`. */
export function untrustedCertificate(
  cert: PeerCertificate,
  host: string,
  fingerprint: string,
  reason: string,
): UntrustedCertificate {
  return {
    host,
    fingerprint,
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    reason,
  };
}
