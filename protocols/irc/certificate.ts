/**
 * RFC 7194 (default port for IRC via TLS/SSL) and RFC 6125 (checking a
 * server's identity): the system's trust store decides first, including the
 * host name check; a certificate it refuses is accepted only when the user has
 * accepted exactly that certificate before, by SHA-256 fingerprint, as Pidgin
 * does. Nothing here is ever accepted silently.
 */
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { UntrustedCertificate } from '../adapter';
import { distinguishedName, isoDate, normalizeFingerprint, untrustedCertificate } from '../common/certificate-text';

/** Why the system refused a certificate, in words, from OpenSSL's or Node's error code. */
export function reasonFor(code: string | undefined, cert: PeerCertificate, host: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'The certificate is self-signed: no authority this system trusts vouches for it.';
    case 'CERT_HAS_EXPIRED':
      return `The certificate expired on ${isoDate(cert.valid_to)}.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate is not valid before ${isoDate(cert.valid_from)}.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate is for ${cert.subjectaltname?.replace(/DNS:|IP Address:/g, '') || distinguishedName(cert.subject)}, not for ${host}.`;
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'The certificate was issued by an authority this system does not trust.';
    case 'CERT_REVOKED':
      return 'The certificate has been revoked.';
    default:
      return `This system does not trust the certificate (${code ?? 'unknown reason'}).`;
  }
}

export type CertificateVerdict =
  { accept: true; pinned: boolean } | { accept: false; certificate: UntrustedCertificate };

/**
 * Judges the certificate of a TLS socket opened with `rejectUnauthorized: false`
 * (Node still runs the chain and host name checks and reports them in
 * `authorized` and `authorizationError`).
 */
export function judgeCertificate(socket: TLSSocket, host: string, trusted: readonly string[]): CertificateVerdict {
  if (socket.authorized) return { accept: true, pinned: false };
  const cert = socket.getPeerCertificate();
  const fingerprint = normalizeFingerprint(cert.fingerprint256 ?? '');
  if (fingerprint && trusted.some((t) => normalizeFingerprint(t) === fingerprint))
    return { accept: true, pinned: true };
  const code = socket.authorizationError ? String(socket.authorizationError) : undefined;
  return { accept: false, certificate: untrustedCertificate(cert, host, fingerprint, reasonFor(code, cert, host)) };
}
