/**
 * RFC 1459 §8.1 over TCP and RFC 7194 (IRC over TLS): the socket under
 * transport.ts. Node checks a TLS certificate's chain and host name, and
 * certificate.ts judges the result: a certificate the system does not trust
 * goes through only when the user accepted it by fingerprint, and is reported
 * otherwise, before a byte of IRC (a password) is written.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { judgeCertificate } from './certificate';
import type { TransportHooks } from './session-types';

/** A TLS handshake is a few round trips; a plain-text server just waits for a line. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface OpeningSocket {
  socket: Socket | TLSSocket;
  /** Whether a TLS handshake is under way: a timeout then means the port does not speak TLS. */
  handshaking(): boolean;
}

export interface OpeningEvents {
  /** Connected, and over TLS the certificate is trusted: lines may go. */
  open(): void;
  /** The certificate was refused (and reported); the socket closes. */
  refused(reason: string): void;
}

type Hooks = Pick<
  TransportHooks,
  'trustedCertificates' | 'caCertificates' | 'onUntrustedCertificate' | 'lookup' | 'log'
>;

function openTls(host: string, port: number, hooks: Hooks, events: OpeningEvents): OpeningSocket {
  let handshaking = false;
  const socket = tlsConnect({
    host,
    port,
    servername: isIP(host) ? undefined : host,
    // Node still checks the chain and the host name; judgeCertificate reads the result.
    rejectUnauthorized: false,
    ca: hooks.caCertificates?.length ? [...rootCertificates, ...hooks.caCertificates] : undefined,
  });
  socket.once('connect', () => {
    handshaking = true;
    socket.setTimeout(HANDSHAKE_TIMEOUT_MS);
  });
  socket.once('secureConnect', () => {
    handshaking = false;
    const verdict = judgeCertificate(socket, host, hooks.trustedCertificates());
    if (!verdict.accept) {
      hooks.onUntrustedCertificate(verdict.certificate);
      events.refused(verdict.certificate.reason);
      socket.destroy();
      return;
    }
    if (verdict.pinned) hooks.log('info', `TLS certificate of ${host} accepted by the user's fingerprint`);
    events.open();
  });
  return { socket, handshaking: () => handshaking };
}

export function openSocket(
  target: { host: string; port: number; tls: boolean },
  hooks: Hooks,
  events: OpeningEvents,
): OpeningSocket {
  const { host, port } = target;
  if (target.tls) return openTls(host, port, hooks, events);
  const socket = netConnect({ host, port, ...(hooks.lookup ? { lookup: hooks.lookup } : {}) });
  socket.once('connect', () => events.open());
  return { socket, handshaking: () => false };
}
