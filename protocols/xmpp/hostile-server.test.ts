/**
 * What no real server would send, from a scripted one on loopback (see
 * test-support/fake-server.ts): bytes that are not UTF-8, XML with an unknown
 * entity, an empty stream error, addresses that are not JIDs, a roster push
 * from a stranger; and sign-in traps: no STARTTLS where TLS is required, a
 * server that cannot prove it knows the password.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordAdapter, type Recorded } from './test-support/harness';
import { startFakeServer, type FakeServer } from './test-support/fake-server';

describe('XMPP adapter against a hostile server', () => {
  let server: FakeServer | undefined;
  let client: Recorded | undefined;
  afterEach(async () => {
    await client?.adapter.disconnect();
    await server?.close();
    client = undefined;
    server = undefined;
  });

  async function online(options: Parameters<typeof startFakeServer>[0] = {}) {
    server = await startFakeServer(options);
    client = recordAdapter({
      jid: `user@${server.domain}`,
      password: 'pw',
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
      resource: 'r',
    });
    const socket = server.nextOnline();
    await client.adapter.connect();
    return { c: client, socket: await socket };
  }

  it('replaces bytes that are not UTF-8, says so, and goes on', async () => {
    const { c, socket } = await online();
    socket.write(
      Buffer.concat([
        Buffer.from(`<message from='bob@fake.test/x' type='chat'><body>a`),
        Buffer.from([0xff, 0xc3, 0x28]),
        Buffer.from('b</body></message>'),
      ]),
    );
    expect(await c.next('message')).toMatchObject({ peer: 'bob@fake.test', body: 'a\uFFFD\uFFFD(b' });
    expect(c.events.dropped.map((d) => d.reason)).toEqual([
      'The server sent bytes that are not UTF-8; they were replaced by U+FFFD.',
    ]);
    expect(c.adapter.state).toEqual({ state: 'online' });
  });

  it('drops stanzas with addresses that are not JIDs, and a roster push from a stranger', async () => {
    const { c, socket } = await online();
    socket.write(`<message from='not a jid' type='chat'><body>x</body></message><presence from='@/'/>`);
    socket.write(
      `<iq type='set' id='push1' from='mallory@evil.test'><query xmlns='jabber:iq:roster'><item jid='evil@evil.test' subscription='both'/></query></iq>`,
    );
    socket.write(`<message from='bob@fake.test/x' type='chat'><body>fine</body></message>`);
    await c.next('message', (m) => m.body === 'fine');
    expect(c.events.message.map((m) => m.body)).toEqual(['fine']);
    expect(c.events.dropped.map((d) => d.reason)).toEqual([
      "A stanza <message> from not a jid with an invalid 'from' address was dropped.",
      "A stanza <presence> from @/ with an invalid 'from' address was dropped.",
      'A roster push from mallory@evil.test (not our account) was ignored.',
    ]);
    expect(c.adapter.roster()).toEqual([]);
  });

  it('reports a flood of bad stanzas as twenty reports and a sum, and goes on', async () => {
    const { c, socket } = await online();
    socket.write(`<message from='not a jid' type='chat'><body>x</body></message>`.repeat(500));
    socket.write(`<message from='bob@fake.test/x' type='chat'><body>after the flood</body></message>`);
    await c.next('message', (m) => m.body === 'after the flood');
    expect(c.events.dropped).toHaveLength(20);
    await c.adapter.disconnect();
    expect(c.events.dropped).toHaveLength(21);
    expect(c.events.dropped[20]?.reason).toMatch(/^…and 480 more report/);
  });

  it('survives an empty stream error and malformed XML, and reconnects', async () => {
    const { c, socket } = await online();
    const again = server?.nextOnline();
    socket.write(`<message from='bob@fake.test/x' type='chat'><body>&bogus;</body></message>`);
    await c.next('dropped', (d) => d.reason.startsWith('The server sent malformed XML'));
    await c.next('state', (s) => s.state === 'reconnecting');
    const second = await again;
    await c.next('state', (s) => s.state === 'online', 10_000, 2);
    second?.write(`<stream:error/>`);
    await c.next('dropped', (d) => d.reason.includes('could not be handled'));
    second?.write(`<message from='bob@fake.test/x' type='chat'><body>still here</body></message>`);
    await c.next('message', (m) => m.body === 'still here');
  });

  it('closes the stream over a comment larger than the stanza limit, says why, and reconnects', async () => {
    const { c, socket } = await online();
    const again = server?.nextOnline();
    socket.write('<!-- ');
    for (let i = 0; i < 12; i++) socket.write('c'.repeat(100_000));
    const dropped = await c.next('dropped', (d) => d.reason.includes('a comment'));
    expect(dropped.reason).toMatch(
      /^The server sent a comment larger than 1024 KiB \(\d+ KiB so far\); the connection was closed\.$/,
    );
    await c.next('state', (s) => s.state === 'reconnecting');
    await again;
    await c.next('state', (s) => s.state === 'online', 10_000, 2);
  });

  it('refuses to sign in without TLS when TLS was asked for and the server offers none', async () => {
    server = await startFakeServer({ starttls: false });
    client = recordAdapter({
      jid: `user@${server.domain}`,
      password: 'pw',
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
    });
    await expect(client.adapter.connect()).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('does not offer TLS'),
    });
  });

  it('chooses SCRAM over PLAIN when both are offered', async () => {
    server = await startFakeServer({ mechanisms: ['PLAIN', 'SCRAM-SHA-1'], serverPassword: 'pw' });
    client = recordAdapter({
      jid: `user@${server.domain}`,
      password: 'pw',
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
    });
    await client.adapter.connect();
    expect(client.logs.join('\n')).toContain('with SCRAM-SHA-1');
  });

  it('refuses a server that cannot prove it knows the password (SCRAM server signature)', async () => {
    server = await startFakeServer({ mechanisms: ['SCRAM-SHA-1'], serverPassword: 'not-the-password' });
    client = recordAdapter({
      jid: `user@${server.domain}`,
      password: 'pw',
      host: '127.0.0.1',
      port: server.port,
      tls: 'none',
    });
    await expect(client.adapter.connect()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('could not prove that it knows the password'),
    });
  });
});
