/**
 * TLS for xmpp.js, both XEP-0368 direct TLS (TLS from the first byte) and the
 * RFC 6120 §5 STARTTLS upgrade of a plain socket. xmpp.js's own TLS socket calls
 * tls.connect with Node's defaults, which either refuse a self-signed
 * certificate with no way to accept it, or (with rejectUnauthorized off) accept
 * everything. This socket sees the certificate, lets cert-check.ts decide, and
 * says "connect" to xmpp.js only when it is trusted: before that, nothing is written.
 */
import { EventEmitter } from 'node:events';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { XmppSocket } from '@xmpp/connection';
import type { UntrustedCertificate } from '../adapter';
import { CertificateError, verifyPeer } from './cert-check';

export interface TlsPolicy {
  /** The XMPP domain the certificate must name. */
  domain: string;
  trustedFingerprints: readonly string[];
  onUntrusted(certificate: UntrustedCertificate): void;
  onTrusted(by: 'system' | 'user'): void;
}

type ConnectParams = { host: string; port: number } | { socket: Socket };

export class VerifiedTlsSocket extends EventEmitter implements XmppSocket {
  readonly secure = true;
  private socket: TLSSocket | undefined;

  constructor(private readonly policy: TlsPolicy) {
    super();
  }

  connect(params: ConnectParams): void {
    const { domain } = this.policy;
    const socket = tlsConnect({
      ...params,
      // SNI names the domain, so a server hosting several picks the right certificate.
      servername: isIP(domain) ? undefined : domain,
      // The decision is verifyPeer's, made below before anything is written.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      // XEP-0368 §4: direct TLS announces the protocol with ALPN.
      ALPNProtocols: 'socket' in params ? undefined : ['xmpp-client'],
    });
    this.socket = socket;
    socket.once('secureConnect', () => {
      const verdict = verifyPeer(socket, domain, this.policy.trustedFingerprints);
      if (verdict.trusted) {
        this.policy.onTrusted(verdict.by);
        this.emit('connect');
        return;
      }
      this.policy.onUntrusted(verdict.certificate);
      this.emit('error', new CertificateError(verdict.certificate));
      socket.destroy();
    });
    socket.on('data', (data: Buffer) => this.emit('data', data));
    socket.on('error', (err: Error) => this.emit('error', err));
    socket.on('close', (hadError: boolean) => this.emit('close', hadError));
  }

  end(): void {
    this.socket?.end();
  }

  write(data: string, callback: (err?: Error | null) => void): void {
    if (!this.socket || this.socket.destroyed) {
      callback(new Error('The connection is closed.'));
      return;
    }
    this.socket.write(data, callback);
  }

  destroy(): void {
    this.socket?.destroy();
  }
}

/** A Socket class for xmpp.js's transport, bound to one account's policy. */
export function verifiedTlsSocketClass(policy: TlsPolicy): new () => VerifiedTlsSocket {
  return class extends VerifiedTlsSocket {
    constructor() {
      super(policy);
    }
  };
}

/** Wraps an open plain socket in TLS (STARTTLS); resolves once the certificate is trusted. */
export function upgradeToTls(plain: Socket, policy: TlsPolicy): Promise<VerifiedTlsSocket> {
  return new Promise((resolve, reject) => {
    const tls = new VerifiedTlsSocket(policy);
    const onError = (err: Error) => {
      tls.off('connect', onConnect);
      reject(err);
    };
    const onConnect = () => {
      tls.off('error', onError);
      resolve(tls);
    };
    tls.once('error', onError);
    tls.once('connect', onConnect);
    tls.connect({ socket: plain });
  });
}
