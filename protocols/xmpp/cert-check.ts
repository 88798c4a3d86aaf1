/**
 * RFC 6120 §13.7.2 and RFC 7590 §3 (certificate validation for XMPP): the
 * server's certificate must chain to an authority the system trusts and name
 * the XMPP domain (RFC 6125 checks, as tls.checkServerIdentity does). When it
 * does not, the user may still accept that one certificate by its SHA-256
 * fingerprint, as Pidgin does; nothing else gets through.
 *
 * The TLS socket is opened with rejectUnauthorized false so that we can see the
 * certificate and describe it; this module is then the only gate, and it runs
 * before a single byte of XMPP (and so of the password) is written.
 */
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { UntrustedCertificate } from '../adapter';
import { normalizeFingerprint, sha256Fingerprint, untrustedCertificate } from '../common/certificate-text';

export class CertificateError extends Error {
  constructor(readonly certificate: UntrustedCertificate) {
    super(`The certificate of ${certificate.host} is not trusted: ${certificate.reason}.`);
    this.name = 'CertificateError';
  }
}

export type CertificateVerdict =
  { trusted: true; by: 'system' | 'user' } | { trusted: false; certificate: UntrustedCertificate };

const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by a self-signed authority the system does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'it was issued by an authority the system does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an authority the system does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an authority the system does not trust',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  CERT_REVOKED: 'it has been revoked',
  CERT_SIGNATURE_FAILURE: 'its signature is invalid',
};

/** Why the system refused a certificate, in words; undefined when it did not. */
export function describeRefusal(
  authorizationError: string | undefined,
  identityError: Error | undefined,
  names: string,
  domain: string,
): string | undefined {
  const reasons: string[] = [];
  // Node checks the name itself too (against the SNI name, which is our domain); say it once.
  if (authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID') identityError ??= new Error(authorizationError);
  else if (authorizationError)
    reasons.push(REASONS[authorizationError] ?? `the system could not verify it (${authorizationError})`);
  if (identityError)
    reasons.push(names ? `it was issued for ${names}, not for ${domain}` : `it does not name ${domain}`);
  return reasons.length > 0 ? reasons.join(', and ') : undefined;
}

function subjectNames(cert: PeerCertificate): string {
  const alt = cert.subjectaltname?.replace(/DNS:/g, '').trim();
  return alt || (typeof cert.subject?.CN === 'string' ? cert.subject.CN : '');
}

/**
 * Decides whether to go on with this TLS connection. `authorized` and
 * `authorizationError` are Node's verdict against the system authorities
 * (chain and dates only); the name is checked here against the XMPP domain,
 * which is what the certificate must prove (RFC 7590 §3.2), not the host we
 * happened to reach it at.
 */
export function verifyPeer(
  socket: TLSSocket,
  domain: string,
  trustedFingerprints: readonly string[],
): CertificateVerdict {
  const host = domain;
  const cert = socket.getPeerCertificate();
  const raw = cert && 'raw' in cert ? cert.raw : undefined;
  if (!raw || raw.length === 0) {
    const certificate: UntrustedCertificate = {
      host,
      fingerprint: '',
      subject: '',
      issuer: '',
      validFrom: '',
      validTo: '',
      reason: 'the server sent no certificate',
    };
    return { trusted: false, certificate };
  }
  const identityError = checkServerIdentity(domain, cert);
  const authorizationError = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNKNOWN');
  const reason = describeRefusal(authorizationError, identityError, subjectNames(cert), domain);
  if (reason === undefined) return { trusted: true, by: 'system' };
  const fingerprint = sha256Fingerprint(raw);
  if (trustedFingerprints.some((f) => normalizeFingerprint(f) === fingerprint)) return { trusted: true, by: 'user' };
  return { trusted: false, certificate: untrustedCertificate(cert, host, fingerprint, reason) };
}
