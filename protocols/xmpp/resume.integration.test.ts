/**
 * XEP-0198 stream resumption on a real Prosody: the network under alice is cut
 * (a proxy drops the TCP connection) while the server stays up; she comes
 * back by resuming the same session, gets what was sent to her meanwhile, sends
 * what she wrote meanwhile, and nothing arrives twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, sleep, type Recorded } from './test-support/harness';
import { startTcpProxy, type TcpProxy } from './test-support/tcp-proxy';

describe('XMPP stream resumption after a network cut', () => {
  let server: ProsodyServer;
  let proxy: TcpProxy;
  let alice: Recorded;
  let bob: Recorded;
  const jid = (name: string) => `${name}@${server.domain}`;

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'bob'].map((name) => ({ name, password: `${name}-pw` })) });
    proxy = await startTcpProxy(server.host, server.port);
    alice = account(server, 'alice', 'alice-pw', { resource: 'desk', port: proxy.port });
    bob = account(server, 'bob', 'bob-pw', { resource: 'home' });
    await Promise.all([alice, bob].map((a) => a.adapter.connect()));
  });
  afterAll(async () => {
    await Promise.all([alice, bob].map((a) => a?.adapter.disconnect()));
    await proxy?.close();
    await server?.dispose();
  });

  it('resumes the session, delivers both ways what waited, and repeats nothing', async () => {
    // Some traffic of every kind first: iq round trips, presence, messages.
    await alice.adapter.addBuddy(jid('bob'), { groups: ['Friends'] });
    await bob.next('subscription');
    await bob.adapter.answerSubscription(jid('alice'), true);
    await alice.next('presence', (p) => p.peer === jid('bob') && p.availability === 'available');
    for (let i = 0; i < 5; i++) await bob.adapter.sendMessage(jid('alice'), `before ${i}`);
    await alice.next('message', (m) => m.body === 'before 4');
    await sleep(500); // let acknowledgements go back and forth

    const since = alice.count('state');
    proxy.cut();
    await alice.next('state', (s) => s.state === 'reconnecting', 10_000, since);
    await bob.adapter.sendMessage(jid('alice'), 'during the cut');
    expect(await alice.adapter.sendMessage(jid('bob'), 'written during the cut')).toEqual({ status: 'queued' });
    await alice.next('state', (s) => s.state === 'online', 15_000, since);
    expect(alice.logs.join('\n')).toContain('(session resumed)');

    await alice.next('message', (m) => m.body === 'during the cut', 10_000);
    await bob.next('message', (m) => m.body === 'written during the cut', 10_000);
    await sleep(500);
    const bodies = alice.events.message.map((m) => m.body);
    expect(bodies).toEqual(['before 0', 'before 1', 'before 2', 'before 3', 'before 4', 'during the cut']);
    expect(alice.logs.join('\n')).not.toMatch(/acknowledged less|repeated message/);
    expect(alice.events['send.failed']).toEqual([]);
  }, 40_000);

  it('counts a message the server got but could not confirm as delivered once resumed, not twice', async () => {
    const since = alice.count('state');
    proxy.freeze(); // alice still talks to the server, but hears nothing back: no acknowledgement
    await alice.adapter.sendMessage(jid('bob'), 'unconfirmed');
    await bob.next('message', (m) => m.body === 'unconfirmed');
    proxy.cut();
    await alice.next('state', (s) => s.state === 'online', 15_000, since + 1);
    expect(alice.logs.filter((l) => l.includes('(session resumed)'))).toHaveLength(2);
    await bob.adapter.sendMessage(jid('alice'), 'ping after resume');
    await alice.next('message', (m) => m.body === 'ping after resume');
    expect(bob.events.message.filter((m) => m.body === 'unconfirmed')).toHaveLength(1);
    expect(alice.events['send.failed']).toEqual([]);
  }, 40_000);

  it('reports a message the server never confirmed when the user gives up before it is back', async () => {
    const since = alice.count('state');
    proxy.freeze();
    await alice.adapter.sendMessage(jid('bob'), 'unconfirmed at sign-off');
    proxy.cut();
    await alice.next('state', (s) => s.state === 'reconnecting', 10_000, since);
    await alice.adapter.disconnect();
    expect(await alice.next('send.failed', (f) => f.body === 'unconfirmed at sign-off')).toEqual({
      peer: jid('bob'),
      body: 'unconfirmed at sign-off',
      reason: 'The connection closed before the server confirmed it.',
    });
  }, 40_000);
});
