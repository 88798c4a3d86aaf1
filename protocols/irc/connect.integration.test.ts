/**
 * Connecting to a real ngIRCd: registration, nick in use, server password,
 * SASL where the server has none, and TLS with the test server's self-signed
 * certificate (refused with its fingerprint, accepted once trusted, and
 * accepted without asking when a trust anchor vouches for it).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startNgircd, type NgircdServer } from '../../testkit/servers/ngircd';
import { AdapterError } from '../adapter';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { recordedAdapter, type Recorded } from './test-support/harness';

let server: NgircdServer;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  server = await startNgircd({ floodProtection: false });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});
afterAll(() => server?.dispose());

function adapter(options: Partial<Parameters<typeof recordedAdapter>[0]> & { nick: string }): Recorded {
  const r = recordedAdapter({ host: server.host, port: server.port, tls: false, ...options });
  cleanup.push(() => r.adapter.disconnect());
  return r;
}
async function peer(nick: string): Promise<IrcPeer> {
  const p = await connectPeer(server.host, server.port, nick);
  cleanup.push(() => p.close());
  return p;
}

describe('registration', () => {
  it('connects, registers and says so through its state', async () => {
    const a = adapter({ nick: 'reggie' });
    expect(a.adapter.accountName).toBe(`reggie@${server.host}`);
    expect(a.adapter.protocol).toBe('irc');
    await a.adapter.connect();
    expect(a.events.state.map((s) => s.state)).toEqual(['connecting', 'online']);
    const watcher = await peer('watcher');
    watcher.send('ISON reggie');
    await watcher.waitFor(/ 303 watcher :reggie$/);
  });

  it('takes the next nick when its nick is in use, and tracks which one it has', async () => {
    await peer('carol');
    const a = adapter({ nick: 'carol' });
    await a.adapter.connect();
    expect(a.adapter.nick).toBe('carol_');
    const other = await peer('other');
    other.send('PRIVMSG carol_ :found you');
    await a.next('message', (m) => m.body === 'found you');
  });

  it('takes its own nick back as soon as whoever had it leaves', async () => {
    const holder = await peer('frank');
    holder.send('JOIN #nicks');
    const a = adapter({ nick: 'frank' });
    await a.adapter.connect();
    expect(a.adapter.nick).toBe('frank_');
    await a.adapter.joinGroup('#nicks');
    const sizeOnAlternative = a.adapter.maxMessageBytesFor('x');
    holder.send('QUIT :bye');
    for (let i = 0; i < 50 && a.adapter.nick !== 'frank'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(a.adapter.nick).toBe('frank');
    // Sized for the longest nick the account may use, the limit does not move with the nick.
    expect(a.adapter.maxMessageBytesFor('x')).toBe(sizeOnAlternative);
  });

  it('uses the configured alternative nicks in order', async () => {
    await peer('dana');
    await peer('dana-away');
    const a = adapter({ nick: 'dana', alternativeNicks: ['dana-away', 'dana-too'] });
    await a.adapter.connect();
    expect(a.adapter.nick).toBe('dana-too');
  });

  it('fails with a readable reason when every nick is taken', async () => {
    for (const n of ['erin', 'erin_', 'erin__']) await peer(n);
    const a = adapter({ nick: 'erin' });
    const err = await a.adapter.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdapterError);
    expect(err).toMatchObject({ kind: 'config', message: expect.stringMatching(/erin, erin_, erin__/) });
    expect(a.adapter.state).toMatchObject({ state: 'error', kind: 'config' });
  });

  it('refuses SASL PLAIN on a server that does not offer it, rather than log in without it', async () => {
    const a = adapter({ nick: 'sasha', sasl: { account: 'sasha', password: 'secret' } });
    await expect(a.adapter.connect()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/does not offer SASL/),
    });
    expect(a.adapter.state).toMatchObject({ state: 'error', kind: 'auth' });
  });

  it('disconnects with QUIT and reports offline', async () => {
    const a = adapter({ nick: 'quitter' });
    await a.adapter.connect();
    await a.adapter.disconnect();
    expect(a.adapter.state).toEqual({ state: 'offline' });
    const watcher = await peer('watcher2');
    watcher.send('ISON quitter');
    await watcher.waitFor(/ 303 watcher2 :$/);
  });
});

describe('server password', () => {
  let locked: NgircdServer;
  beforeAll(async () => {
    locked = await startNgircd({ floodProtection: false, password: 'open-sesame' });
  });
  afterAll(() => locked?.dispose());

  it('logs in with the right password', async () => {
    const a = recordedAdapter({
      nick: 'keyholder',
      host: locked.host,
      port: locked.port,
      tls: false,
      password: 'open-sesame',
    });
    cleanup.push(() => a.adapter.disconnect());
    await a.adapter.connect();
    expect(a.adapter.state).toEqual({ state: 'online' });
  });

  it('fails with kind auth and a readable message for a wrong password, and does not retry', async () => {
    const a = recordedAdapter({
      nick: 'intruder',
      host: locked.host,
      port: locked.port,
      tls: false,
      password: 'wrong',
    });
    cleanup.push(() => a.adapter.disconnect());
    const err = await a.adapter.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', message: expect.stringMatching(/refused the login: .*password/i) });
    expect(a.adapter.state).toMatchObject({ state: 'error', kind: 'auth' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(a.events.state.map((s) => s.state)).toEqual(['connecting', 'error']);
    expect(a.logs.join('\n')).not.toContain('wrong');
  });

  it('fails with kind auth when no password is given', async () => {
    const a = recordedAdapter({ nick: 'nopass', host: locked.host, port: locked.port, tls: false });
    cleanup.push(() => a.adapter.disconnect());
    await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('TLS', () => {
  const pem = () => readFileSync(server.certFile, 'utf8');
  const fingerprint = () => new X509Certificate(pem()).fingerprint256;

  it('refuses the self-signed certificate, reporting its SHA-256 fingerprint, subject and validity', async () => {
    const a = adapter({ nick: 'tlsrefused', port: server.tlsPort, tls: true });
    const err = await a.adapter.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'certificate' });
    expect(a.events.certificate).toHaveLength(1);
    const cert = a.events.certificate[0];
    expect(cert?.fingerprint).toBe(fingerprint());
    expect(cert?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(cert).toMatchObject({
      host: server.host,
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      reason: expect.stringMatching(/self-signed/),
    });
    expect(new Date(cert?.validTo ?? '').getTime()).toBeGreaterThan(Date.now());
    expect(a.adapter.state).toMatchObject({ state: 'error', kind: 'certificate' });
  });

  it('connects when the user trusts that fingerprint, written in any case and with or without colons', async () => {
    const a = adapter({
      nick: 'tlstrusted',
      port: server.tlsPort,
      tls: true,
      trustedCertificates: [fingerprint().replace(/:/g, '').toLowerCase()],
    });
    await a.adapter.connect();
    expect(a.adapter.state).toEqual({ state: 'online' });
    expect(a.events.certificate).toEqual([]);
    const other = await peer('tlspeer');
    other.send('PRIVMSG tlstrusted :over tls');
    await a.next('message', (m) => m.body === 'over tls');
  });

  it('reads the trusted fingerprints at every connection: accept, then connect again', async () => {
    const trusted: string[] = [];
    const a = adapter({ nick: 'tlslater', port: server.tlsPort, tls: true, trustedCertificates: trusted });
    await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'certificate' });
    trusted.push(a.events.certificate[0]?.fingerprint ?? '');
    await a.adapter.connect();
    expect(a.adapter.state).toEqual({ state: 'online' });
  });

  it('still refuses when a different certificate was trusted', async () => {
    const a = adapter({ nick: 'tlsother', port: server.tlsPort, tls: true, trustedCertificates: ['00'.repeat(32)] });
    await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'certificate' });
  });

  it('connects without asking when an authority it trusts vouches for the certificate and the name matches', async () => {
    const a = adapter({ nick: 'tlsca', host: 'localhost', port: server.tlsPort, tls: true, caCertificates: [pem()] });
    await a.adapter.connect();
    expect(a.adapter.state).toEqual({ state: 'online' });
    expect(a.events.certificate).toEqual([]);
  });

  it('refuses a vouched-for certificate issued for another name', async () => {
    const a = adapter({ nick: 'tlsname', port: server.tlsPort, tls: true, caCertificates: [pem()] });
    await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'certificate' });
    expect(a.events.certificate[0]?.reason).toMatch(/for localhost, not for 127\.0\.0\.1/);
  });

  it('says plainly when the port does not speak TLS', async () => {
    const a = adapter({ nick: 'tlsplain', tls: true });
    await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/TLS/) });
  });
});

describe('network errors', () => {
  it('rejects with kind network when nothing listens', async () => {
    const a = recordedAdapter({ nick: 'lonely', host: '127.0.0.1', port: 1, tls: false });
    await expect(a.adapter.connect()).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/refused the connection/),
    });
  });

  it('refuses bad configuration before connecting', () => {
    expect(() => recordedAdapter({ nick: '9lives', host: 'h', port: 6667, tls: false })).toThrow(AdapterError);
    // A name is decided when it resolves (server-password.integration.test.ts); an address at once.
    expect(() =>
      recordedAdapter({ nick: 'ok', host: '192.0.2.1', port: 6667, tls: false, sasl: { account: 'a', password: 'b' } }),
    ).toThrow(/Turn TLS on/);
  });
});
