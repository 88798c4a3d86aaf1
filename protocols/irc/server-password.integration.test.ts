/**
 * A server password (PASS) or SASL PLAIN without TLS goes only to a server on
 * this machine: an address elsewhere is refused when the account is set up, a
 * name when it resolves (../common/loopback.ts), before anything is sent. The
 * resolver answers made-up names here; the server is the scripted one on
 * 127.0.0.1 (testkit/servers/fake-ircd.ts), which records every line it gets.
 */
import type * as dns from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeIrcd, type FakeIrcd } from '../../testkit/servers/fake-ircd';
import { createIrcAdapter } from './irc-adapter';
import { recordedAdapter } from './test-support/harness';

const ANSWERS: Record<string, dns.LookupAddress[]> = {
  'bouncer.home.test': [{ address: '127.0.0.1', family: 4 }],
  'irc.elsewhere.test': [
    { address: '127.0.0.1', family: 4 },
    { address: '198.51.100.7', family: 4 },
  ],
};

vi.mock('node:dns', async (original) => {
  const { dnsAnswering } = await import('../common/test-support/fake-dns');
  return dnsAnswering(await original<typeof dns>(), () => ANSWERS);
});

const quiet = { log: () => undefined };

describe('a password without TLS', () => {
  let fake: FakeIrcd | undefined;
  const adapters: { disconnect(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const a of adapters.splice(0)) await a.disconnect();
    await fake?.close();
    fake = undefined;
  });

  async function account(host: string, secret: { password?: string; sasl?: { account: string; password: string } }) {
    fake = await startFakeIrcd();
    const alice = recordedAdapter({ nick: 'alice', host, port: fake.port, tls: false, ...secret });
    adapters.push(alice.adapter);
    return alice;
  }

  it('is refused for an address that is not this machine, with a config error that says what to do', () => {
    for (const host of ['192.0.2.1', '::2', '[2001:db8::1]']) {
      expect(
        () => createIrcAdapter({ nick: 'alice', host, port: 6667, tls: false, password: 'secret', logger: quiet }),
        host,
      ).toThrow(
        expect.objectContaining({
          kind: 'config',
          message: `Not sending the server password (PASS) to ${host} without TLS: that address is not this machine, and anyone on the way could read it. Turn TLS on for this server, or remove the password.`,
        }),
      );
    }
    expect(() =>
      createIrcAdapter({
        nick: 'alice',
        host: '192.0.2.1',
        port: 6667,
        tls: false,
        sasl: { account: 'a', password: 'p' },
        logger: quiet,
      }),
    ).toThrow(/^Not sending the SASL PLAIN password to 192\.0\.2\.1 without TLS/);
    // With TLS, or with nothing secret to send, the same address is fine.
    expect(() =>
      createIrcAdapter({ nick: 'alice', host: '192.0.2.1', port: 6697, tls: true, password: 'secret', logger: quiet }),
    ).not.toThrow();
    expect(() =>
      createIrcAdapter({ nick: 'alice', host: '192.0.2.1', port: 6667, tls: false, logger: quiet }),
    ).not.toThrow();
  });

  it('is refused for a name that resolves elsewhere too, before anything is sent, and not retried', async () => {
    const alice = await account('irc.elsewhere.test', { password: 'secret' });
    const err = await alice.adapter.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'config',
      message:
        'Not sending the server password (PASS) to irc.elsewhere.test without TLS: the name leads to 198.51.100.7, not only to this machine, and anyone on the way could read it. Turn TLS on for this server, or remove the password.',
    });
    expect(alice.adapter.state).toMatchObject({ state: 'error', kind: 'config' });
    expect(fake?.received).toEqual([]);
    expect(alice.events.state.filter((s) => s.state === 'reconnecting')).toEqual([]);
  });

  it('is sent to a name that resolves to this machine only (a local bouncer)', async () => {
    const alice = await account('bouncer.home.test', { password: 'secret' });
    await alice.adapter.connect();
    expect(fake?.received).toContain('PASS secret');
  });

  it('is sent to the loopback address', async () => {
    const alice = await account('127.0.0.1', { password: 'secret' });
    await alice.adapter.connect();
    expect(fake?.received).toContain('PASS secret');
  });
});
