/**
 * An account with TLS off may connect only to a server on this machine, decided
 * by the addresses its name resolves to at connect time (../common/loopback.ts),
 * not by the name. The resolver answers made-up names here; the server is the
 * scripted one on 127.0.0.1 (test-support/fake-server.ts).
 */
import type * as dns from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeServer, type FakeServer } from './test-support/fake-server';
import { recordAdapter, type Recorded } from './test-support/harness';

const ANSWERS: Record<string, dns.LookupAddress[]> = {
  // A name in a hosts file for a server on this machine.
  'xmpp.home.test': [{ address: '127.0.0.1', family: 4 }],
  // A *.localhost name a resolver sends elsewhere.
  'chat.localhost': [{ address: '203.0.113.9', family: 4 }],
  // Here and elsewhere: one address off the machine is enough to refuse.
  'mixed.test': [
    { address: '127.0.0.1', family: 4 },
    { address: '2001:db8::9', family: 6 },
  ],
};

vi.mock('node:dns', async (original) => {
  const { dnsAnswering } = await import('../common/test-support/fake-dns');
  return dnsAnswering(await original<typeof dns>(), () => ANSWERS);
});

describe('XMPP without TLS', () => {
  let server: FakeServer | undefined;
  let client: Recorded | undefined;
  afterEach(async () => {
    await client?.adapter.disconnect();
    await server?.close();
    client = undefined;
    server = undefined;
  });

  async function account(host: string) {
    server = await startFakeServer();
    client = recordAdapter({
      jid: `user@${server.domain}`,
      password: 'pw',
      host,
      port: server.port,
      tls: 'none',
      resource: 'r',
    });
    return client;
  }

  it('connects to a name that resolves to this machine only', async () => {
    const c = await account('xmpp.home.test');
    await c.adapter.connect();
    expect(c.adapter.state).toEqual({ state: 'online' });
  });

  for (const host of ['chat.localhost', 'mixed.test']) {
    it(`refuses ${host}, a name that resolves elsewhere too, as a setting to change, and does not retry`, async () => {
      const c = await account(host);
      const err = await c.adapter.connect().catch((e: unknown) => e);
      expect(err).toMatchObject({
        kind: 'config',
        message: expect.stringMatching(
          new RegExp(
            `^Not connecting to ${host} without TLS: the name leads to .*not only to this machine.*Turn TLS on`,
          ),
        ),
      });
      expect(c.adapter.state).toMatchObject({ state: 'error', kind: 'config' });
      expect(c.events.state.filter((s) => s.state === 'reconnecting')).toEqual([]);
    });
  }
});
