/**
 * The server goes away (ngIRCd killed with SIGKILL) and comes back on the same
 * port: the adapter reconnects by itself with backoff, joins its channels
 * again, and a message sent while it was away is delivered after, or reported
 * as failed: never lost without a word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNgircd, type NgircdServer } from '../../testkit/servers/ngircd';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { recordedAdapter, type Recorded } from './test-support/harness';

let server: NgircdServer;
let alice: Recorded;
const peers: IrcPeer[] = [];

async function peer(nick: string): Promise<IrcPeer> {
  const p = await connectPeer(server.host, server.port, nick);
  peers.push(p);
  return p;
}

beforeAll(async () => {
  server = await startNgircd({ floodProtection: false });
  // Each test is one outage of a server that had been up a while: every login counts as a
  // connection that lasted, so each starts its backoff from 1 s (hostile-server tests the rest).
  alice = recordedAdapter({ nick: 'alice', host: server.host, port: server.port, tls: false, stableAfterMs: 0 });
  await alice.adapter.connect();
  await alice.adapter.joinGroup('#room');
});
afterAll(async () => {
  for (const p of peers) p.close();
  await alice?.adapter.disconnect();
  await server?.dispose();
});

describe('reconnection after the server crashes', () => {
  it('reconnects by itself, joins its channels again and delivers what was sent meanwhile', async () => {
    const states = alice.count('state');
    await server.stop({ crash: true });
    const down = await alice.next('state', (s) => s.state === 'reconnecting', 5000, states);
    expect(down).toMatchObject({ state: 'reconnecting', attempt: 1, reason: expect.any(String) });
    if (down.state !== 'reconnecting') throw new Error('unreachable');
    expect(down.retryInMs).toBeGreaterThanOrEqual(800);
    expect(down.retryInMs).toBeLessThanOrEqual(1000);

    await expect(alice.adapter.sendMessage('bob', 'sent while the server was down')).resolves.toMatchObject({
      status: 'queued',
      parts: 1,
    });

    await server.start();
    const bob = await peer('bob');
    bob.send('JOIN #room');
    await alice.next('state', (s) => s.state === 'online', 20_000, states);
    await bob.waitFor(/^:alice!\S+ PRIVMSG bob :sent while the server was down$/);
    await bob.waitFor(/^:alice!\S+ JOIN :?#room$/);
    await alice.next(
      'group.members',
      (g) => g.room === '#room' && g.members.includes('alice') && g.members.includes('bob'),
      10_000,
    );
    expect(alice.events['send.failed']).toEqual([]);
    // And the room works again both ways.
    await alice.adapter.sendGroupMessage('#room', 'back again');
    await bob.waitFor(/ PRIVMSG #room :back again$/);
    bob.send('PRIVMSG alice :welcome back');
    await alice.next('message', (m) => m.body === 'welcome back');
  });

  it('finishes a long message cut short by a crash after the reconnect, repeating nothing', async () => {
    const carol = await peer('carol');
    const body = Array.from({ length: 2500 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
    const states = alice.count('state');
    const answer = alice.adapter.sendMessage('carol', body);
    // Lines leave about a second apart: crash the server right after the second one arrived.
    const fromAlice = () => carol.messagesFrom('alice');
    for (let i = 0; i < 100 && fromAlice().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await server.stop({ crash: true });
    const before = fromAlice();
    expect(before).toHaveLength(2);
    await expect(answer).resolves.toMatchObject({ status: 'queued' });
    await server.start();
    const carolAgain = await peer('carol');
    await alice.next('state', (s) => s.state === 'online', 20_000, states);
    const total = Math.ceil(Buffer.byteLength(body) / alice.adapter.maxMessageBytesFor('carol'));
    for (let i = 0; i < 200 && carolAgain.messagesFrom('alice').length < total - 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect([...before, ...carolAgain.messagesFrom('alice')].join('')).toBe(body);
    expect(alice.events['send.failed']).toEqual([]);
  });

  it('backs off 1 s, 2 s, 4 s… while the server stays down, then comes back', async () => {
    const states = alice.count('state');
    await server.stop({ crash: true });
    const third = await alice.next('state', (s) => s.state === 'reconnecting' && s.attempt === 3, 15_000, states);
    const attempts = alice.events.state.slice(states).filter((s) => s.state === 'reconnecting');
    expect(attempts.map((s) => (s.state === 'reconnecting' ? s.attempt : 0))).toEqual([1, 2, 3]);
    const delays = attempts.map((s) => (s.state === 'reconnecting' ? s.retryInMs : 0));
    [1000, 2000, 4000].forEach((ceiling, i) => {
      expect(delays[i]).toBeLessThanOrEqual(ceiling);
      expect(delays[i]).toBeGreaterThanOrEqual(ceiling * 0.8);
    });
    expect(third.state === 'reconnecting' && third.reason).toMatch(/refused the connection/);
    await server.start();
    await alice.next('state', (s) => s.state === 'online', 15_000, states);
  });

  it('answers connect() while reconnecting once it is back, trying at once rather than at the end of the backoff', async () => {
    const states = alice.count('state');
    await server.stop({ crash: true });
    await alice.next('state', (s) => s.state === 'reconnecting' && s.attempt === 3, 10_000, states);
    await server.start();
    const started = Date.now();
    await alice.adapter.connect();
    expect(alice.adapter.state).toEqual({ state: 'online' });
    // Attempt 3 would have waited 3.2 to 4 s.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(alice.events.state.slice(states).filter((s) => s.state === 'reconnecting')).toHaveLength(3);
  });

  it('reports a message queued while down when the user gives up on the account', async () => {
    const states = alice.count('state');
    await server.stop({ crash: true });
    await alice.next('state', (s) => s.state === 'reconnecting', 5000, states);
    await expect(alice.adapter.sendMessage('bob', 'this one cannot go')).resolves.toMatchObject({ status: 'queued' });
    await alice.adapter.disconnect();
    const failed = await alice.next('send.failed', (f) => f.body === 'this one cannot go');
    expect(failed).toMatchObject({ peer: 'bob', reason: expect.stringMatching(/disconnected/) });
    expect(alice.adapter.state).toEqual({ state: 'offline' });
    await expect(alice.adapter.sendMessage('bob', 'offline now')).rejects.toMatchObject({ kind: 'network' });
    await server.start();
  });
});
