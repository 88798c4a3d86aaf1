/**
 * Signing in to a real Prosody: SASL with the right and a wrong password, and
 * TLS both ways (STARTTLS and direct TLS) with the server's self-signed
 * certificate, refused until the user accepts its fingerprint.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, type Recorded } from './test-support/harness';

const PASSWORD = 'wonderland-9';

describe('XMPP sign-in against Prosody', () => {
  let server: ProsodyServer;
  let fingerprint: string;
  const open: Recorded[] = [];
  const alice = (extra: Parameters<typeof account>[3] = {}, password = PASSWORD) => {
    const a = account(server, 'alice', password, extra);
    open.push(a);
    return a;
  };

  beforeAll(async () => {
    server = await startProsody({ users: [{ name: 'alice', password: PASSWORD }] });
    fingerprint = new X509Certificate(readFileSync(server.certFile)).fingerprint256;
  });
  afterAll(async () => {
    await Promise.all(open.map((a) => a.adapter.disconnect()));
    await server?.dispose();
  });

  it('signs in with the right password and says online, without ever logging the password', async () => {
    const a = alice();
    await a.adapter.connect();
    expect(a.adapter.state).toEqual({ state: 'online' });
    expect(a.events.state.map((s) => s.state)).toEqual(['connecting', 'online']);
    expect(a.logs.join('\n')).toContain('SCRAM-SHA-1');
    expect(a.logs.join('\n')).not.toContain(PASSWORD);
    await a.adapter.disconnect();
    expect(a.adapter.state).toEqual({ state: 'offline' });
  });

  it('refuses a wrong password with an auth error a person can read, and stops', async () => {
    const a = alice({}, 'looking-glass');
    const error = await a.adapter.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).kind).toBe('auth');
    expect((error as AdapterError).message).toBe('The server refused the user name or password.');
    expect(a.adapter.state).toEqual({
      state: 'error',
      kind: 'auth',
      reason: 'The server refused the user name or password.',
    });
    expect(a.logs.join('\n')).not.toContain('looking-glass');
  });

  for (const mode of ['starttls', 'direct'] as const) {
    const port = () => (mode === 'direct' ? server.directTlsPort : server.port);

    it(`${mode}: refuses the self-signed certificate and reports it with its SHA-256 fingerprint`, async () => {
      const a = alice({ tls: mode, port: port() });
      const error = await a.adapter.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as AdapterError).kind).toBe('certificate');
      expect(a.events.certificate).toHaveLength(1);
      const cert = a.events.certificate[0];
      expect(cert).toMatchObject({
        host: server.domain,
        fingerprint,
        subject: `CN=${server.domain}`,
        issuer: `CN=${server.domain}`,
        reason: 'it is self-signed',
      });
      expect(cert?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(new Date(cert?.validTo ?? '').getTime()).toBeGreaterThan(Date.now());
      expect(a.adapter.state).toMatchObject({ state: 'error', kind: 'certificate' });
    });

    it(`${mode}: connects once the user has accepted that fingerprint`, async () => {
      const a = alice({ tls: mode, port: port(), trustedCertificates: [fingerprint.toLowerCase()] });
      await a.adapter.connect();
      expect(a.adapter.state).toEqual({ state: 'online' });
      expect(a.events.certificate).toHaveLength(0);
      expect(a.logs.join('\n')).toMatch(/certificate trusted by the fingerprint the user accepted/);
      expect(a.logs.join('\n')).toMatch(/SCRAM-SHA-1 over TLS/);
      await a.adapter.disconnect();
    });

    it(`${mode}: still refuses when a different fingerprint was accepted`, async () => {
      const other = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '01' : '00');
      const a = alice({ tls: mode, port: port(), trustedCertificates: [other] });
      await expect(a.adapter.connect()).rejects.toMatchObject({ kind: 'certificate' });
    });
  }
});
