/**
 * XEP-0198 stream resumption on a real Prosody: the network under alice is cut
 * (a proxy drops the TCP connection) while the server stays up; she comes
 * back by resuming the same session, gets what was sent to her meanwhile, sends
 * what she wrote meanwhile, and nothing arrives twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../scripts/servers/prosody';
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
});
