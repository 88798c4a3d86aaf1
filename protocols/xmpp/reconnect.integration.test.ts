/**
 * Prosody killed (SIGKILL) and restarted in the middle of a conversation: the
 * accounts say "reconnecting" with the attempt and the wait, come back by
 * themselves, rejoin their room, and no message is lost: one written while the
 * server was down is delivered after, one the server never acknowledged is
 * sent again, and one that can no longer go is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, sleep, type Recorded } from './test-support/harness';

describe('XMPP reconnection across a Prosody crash', () => {
  let server: ProsodyServer;
  let alice: Recorded;
  let bob: Recorded;
  let room: string;
  let membersBeforeCrash = 0;
  const jid = (name: string) => `${name}@${server.domain}`;

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'bob'].map((name) => ({ name, password: `${name}-pw` })) });
    room = `lobby@${server.mucDomain}`;
    alice = account(server, 'alice', 'alice-pw', { resource: 'desk' });
    bob = account(server, 'bob', 'bob-pw', { resource: 'home' });
    await Promise.all([alice, bob].map((a) => a.adapter.connect()));
    await alice.adapter.joinGroup(room, 'alice');
  });
  afterAll(async () => {
    await Promise.all([alice, bob].map((a) => a?.adapter.disconnect()));
    await server?.dispose();
  }, 30_000);

  it('comes back by itself after a crash and delivers what was written meanwhile', async () => {
    await alice.adapter.sendMessage(jid('bob'), 'before the crash');
    await bob.next('message', (m) => m.body === 'before the crash');

    const statesBefore = alice.count('state');
    const bobStatesBefore = bob.count('state');
    membersBeforeCrash = alice.count('group.members');
    // Written and immediately cut off: the server may never acknowledge it.
    await alice.adapter.sendMessage(jid('bob'), 'in flight');
    await server.stop({ crash: true });

    const reconnecting = await alice.next('state', (s) => s.state === 'reconnecting', 10_000, statesBefore);
    expect(reconnecting).toMatchObject({ state: 'reconnecting', attempt: 1 });
    if (reconnecting.state === 'reconnecting') {
      expect(reconnecting.retryInMs).toBeGreaterThanOrEqual(800);
      expect(reconnecting.retryInMs).toBeLessThanOrEqual(1000);
      expect(reconnecting.reason).not.toBe('');
    }
    expect(await alice.adapter.sendMessage(jid('bob'), 'while the server was down')).toEqual({ status: 'queued' });
    await sleep(1500); // at least one attempt fails against the dead port
    // connect() while reconnecting tries at once and resolves once back online.
    const back = alice.adapter.connect();
    await server.start();
    await back;

    await alice.next('state', (s) => s.state === 'online', 20_000, statesBefore);
    await bob.next('state', (s) => s.state === 'online', 20_000, bobStatesBefore);
    const states = alice.events.state.slice(statesBefore).map((s) => s.state);
    expect(states[0]).toBe('reconnecting');
    expect(states.at(-1)).toBe('online');
    expect(states.every((s) => s === 'reconnecting' || s === 'online')).toBe(true);

    const down = await bob.next('message', (m) => m.body === 'while the server was down', 15_000);
    expect(down.peer).toBe(jid('alice'));
    await bob.next('message', (m) => m.body === 'in flight', 15_000);
    expect(alice.events['send.failed']).toEqual([]);
    // Each exactly once: what stream management sent again keeps its stanza id,
    // and the receiving adapter drops the repeat.
    expect(bob.events.message.map((m) => m.body)).toEqual([
      'before the crash',
      'in flight',
      'while the server was down',
    ]);
  }, 45_000);

  it('rejoins its room and keeps talking after the restart', async () => {
    await alice.next(
      'group.members',
      (m) => m.room === room && m.members.includes('alice'),
      15_000,
      membersBeforeCrash,
    );
    await bob.adapter.joinGroup(room, 'bob');
    await bob.adapter.sendGroupMessage(room, 'back again');
    expect(await alice.next('group.message', (m) => m.body === 'back again')).toMatchObject({ room, nick: 'bob' });
    await bob.adapter.sendMessage(jid('alice'), 'and privately');
    await alice.next('message', (m) => m.body === 'and privately');
  }, 30_000);

  it('reports a queued message as failed when the user gives up while reconnecting', async () => {
    const since = alice.count('state');
    await server.stop({ crash: true });
    await alice.next('state', (s) => s.state === 'reconnecting', 10_000, since);
    expect((await alice.adapter.sendMessage(jid('bob'), 'never mind')).status).toBe('queued');
    await alice.adapter.disconnect();
    expect(alice.adapter.state).toEqual({ state: 'offline' });
    const failed = await alice.next('send.failed', (f) => f.body === 'never mind');
    expect(failed).toMatchObject({ peer: jid('bob'), body: 'never mind' });
    await expect(alice.adapter.sendMessage(jid('bob'), 'offline now')).rejects.toMatchObject({ kind: 'network' });
    await server.start();
  }, 30_000);
});
