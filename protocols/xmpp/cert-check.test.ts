import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRefusal, verifyPeer, type CertificateVerdict } from './cert-check';

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A test CA and certificates it signed, plus a self-signed one, made with openssl. */
function makeCertificates(dir: string) {
  const p = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Sotto Test CA',
  ]);
  for (const name of ['localhost', 'other.example']) {
    openssl(['req', ...ec, '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', `/CN=${name}`]);
    writeFileSync(p(`${name}.ext`), `subjectAltName=DNS:${name}\n`);
    openssl([
      'x509',
      '-req',
      '-in',
      p(`${name}.csr`),
      '-CA',
      p('ca.pem'),
      '-CAkey',
      p('ca.key'),
      '-CAcreateserial',
      '-out',
      p(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      p(`${name}.ext`),
    ]);
  }
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('self.key'),
    '-out',
    p('self.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
  ]);
  const read = (name: string) => readFileSync(p(name), 'utf8');
  return { ca: read('ca.pem'), read };
}

describe('verifyPeer against real TLS handshakes', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  const servers: Server[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sotto-certs-'));
    certs = makeCertificates(dir);
  });
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Handshakes with a server presenting `name`'s certificate; the client trusts only our test CA. */
  async function handshake(name: string, domain: string, trusted: string[] = []): Promise<CertificateVerdict> {
    const server = createServer({ key: certs.read(`${name}.key`), cert: certs.read(`${name}.pem`) }, (s) => s.end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new Promise((resolve, reject) => {
      const socket: TLSSocket = connect(
        { host: '127.0.0.1', port, servername: domain, ca: [certs.ca], rejectUnauthorized: false },
        () => {
          resolve(verifyPeer(socket, domain, trusted));
          socket.destroy();
        },
      );
      socket.on('error', reject);
    });
  }

  it('trusts a certificate from a trusted authority that names the domain', async () => {
    expect(await handshake('localhost', 'localhost')).toEqual({ trusted: true, by: 'system' });
  });

  it('refuses a trusted authority’s certificate for another name, saying which', async () => {
    const verdict = await handshake('other.example', 'localhost');
    expect(verdict.trusted).toBe(false);
    if (!verdict.trusted) expect(verdict.certificate.reason).toBe('it was issued for other.example, not for localhost');
  });

  it('refuses a self-signed certificate and describes it', async () => {
    const verdict = await handshake('self', 'localhost');
    expect(verdict.trusted).toBe(false);
    if (verdict.trusted) return;
    expect(verdict.certificate).toMatchObject({
      host: 'localhost',
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      reason: 'it is self-signed',
    });
    expect(verdict.certificate.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts exactly the certificate whose fingerprint the user accepted, written any way', async () => {
    const first = await handshake('self', 'localhost');
    const fingerprint = first.trusted ? '' : first.certificate.fingerprint;
    expect(await handshake('self', 'localhost', [fingerprint.replace(/:/g, '').toLowerCase()])).toEqual({
      trusted: true,
      by: 'user',
    });
    expect((await handshake('self', 'localhost', ['00:11:22'])).trusted).toBe(false);
  });
});

describe('certificate words', () => {
  it('names the usual refusals and combines them', () => {
    expect(describeRefusal('CERT_HAS_EXPIRED', undefined, 'a', 'b')).toBe('it has expired');
    expect(describeRefusal('UNABLE_TO_VERIFY_LEAF_SIGNATURE', new Error('x'), 'x.org', 'y.org')).toBe(
      'it was issued by an authority the system does not trust, and it was issued for x.org, not for y.org',
    );
    expect(describeRefusal('SOMETHING_NEW', undefined, '', 'd')).toBe('the system could not verify it (SOMETHING_NEW)');
    expect(describeRefusal(undefined, undefined, '', 'd')).toBeUndefined();
  });
});
