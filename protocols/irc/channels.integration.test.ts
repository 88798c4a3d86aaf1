/**
 * Channels on a real ngIRCd, in plaintext: join, leave, send, receive, and
 * the member list through NAMES, joins, parts, kicks, quits and nick changes;
 * plus presence of buddies, which on IRC is ISON (ngIRCd has no MONITOR) and
 * what we overhear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NgircdServer } from '../../testkit/servers/ngircd';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { startScene, stopScene } from './test-support/scene';
import type { Recorded } from './test-support/harness';

let server: NgircdServer;
let alice: Recorded;
let bob: IrcPeer;

const sorted = (list: string[] | undefined) => [...(list ?? [])].sort();

beforeAll(async () => void ({ server, alice, bob } = await startScene({ floodProtection: false })));
afterAll(() => stopScene({ server, alice, bob }));

describe('channels', () => {
  it('joins a channel and lists who is in it', async () => {
    bob.send('JOIN #lobby');
    await bob.waitFor(/ 366 bob #lobby /);
    await alice.adapter.joinGroup('#lobby');
    const members = await alice.next('group.members', (g) => g.room === '#lobby' && g.members.length === 2);
    expect(sorted(members.members)).toEqual(['alice', 'bob']);
  });

  it('sends to the channel, with its own copy marked own, and receives from it', async () => {
    await alice.adapter.sendGroupMessage('#lobby', 'hello room');
    await bob.waitFor(/^:alice!\S+ PRIVMSG #lobby :hello room$/);
    expect(await alice.next('group.message', (m) => m.body === 'hello room')).toMatchObject({
      room: '#lobby',
      nick: 'alice',
      own: true,
    });
    bob.send('PRIVMSG #lobby :hello alice, in the room');
    const m = await alice.next('group.message', (x) => x.body === 'hello alice, in the room');
    expect(m).toMatchObject({ room: '#lobby', nick: 'bob' });
    expect(m.own).toBeUndefined();
    // A channel message is not a 1:1 message.
    expect(alice.events.message.some((x) => x.body.includes('in the room'))).toBe(false);
  });

  it('splits a long channel message to the channel limit, and passes /me as an action', async () => {
    const body = 'word '.repeat(200).trim();
    await alice.adapter.sendGroupMessage('#lobby', body);
    await bob.waitFor(/ PRIVMSG #lobby :.*word$/);
    bob.send('PRIVMSG #lobby :\x01ACTION dances\x01');
    await alice.next('group.message', (m) => m.body === '/me dances' && m.nick === 'bob');
  });

  it('follows joins, nick changes, parts, kicks and quits in the member list', async () => {
    const after = async (action: () => void, expected: string[]) => {
      const since = alice.count('group.members');
      action();
      const update = await alice.next('group.members', (g) => g.room === '#lobby', 5000, since);
      expect(sorted(update.members)).toEqual(sorted(expected));
    };
    const carol = await connectPeer(server.host, server.port, 'carol');
    await after(() => carol.send('JOIN #lobby'), ['alice', 'bob', 'carol']);
    await after(() => carol.send('NICK carla'), ['alice', 'bob', 'carla']);
    await after(() => carol.send('PART #lobby'), ['alice', 'bob']);
    await after(() => carol.send('JOIN #lobby'), ['alice', 'bob', 'carla']);
    await after(() => bob.send('KICK #lobby carla :out'), ['alice', 'bob']);
    const dave = await connectPeer(server.host, server.port, 'dave');
    await after(() => dave.send('JOIN #lobby'), ['alice', 'bob', 'dave']);
    await after(() => dave.send('QUIT :bye'), ['alice', 'bob']);
    carol.close();
  });

  it('rejects a join the server refuses, with its reason', async () => {
    bob.send('JOIN #private');
    await bob.waitFor(/ 366 bob #private /);
    bob.send('MODE #private +i');
    await bob.waitFor(/ MODE #private \+i/);
    await expect(alice.adapter.joinGroup('#private')).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/#private/),
    });
    await expect(alice.adapter.sendGroupMessage('#private', 'x')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('leaves a channel, after which it has no members for us', async () => {
    await alice.adapter.joinGroup('#temp');
    const since = alice.count('group.members');
    await alice.adapter.leaveGroup('#temp');
    await alice.next('group.members', (g) => g.room === '#temp' && g.members.length === 0, 5000, since);
    await expect(alice.adapter.sendGroupMessage('#temp', 'x')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('refuses what is not a channel name', async () => {
    await expect(alice.adapter.joinGroup('lobby')).rejects.toMatchObject({ kind: 'protocol' });
    await expect(alice.adapter.joinGroup('#a b')).rejects.toMatchObject({ kind: 'protocol' });
  });
});

describe('presence of buddies (ISON on ngIRCd)', () => {
  it('keeps the roster it is given and says what it means', async () => {
    await alice.adapter.addBuddy('bob', { name: 'Bob', groups: ['Friends'] });
    expect(alice.adapter.roster()).toEqual([{ peer: 'bob', name: 'Bob', groups: ['Friends'], subscription: 'both' }]);
    expect(alice.events.roster.at(-1)).toEqual(alice.adapter.roster());
    await expect(alice.adapter.addBuddy('not a nick')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('sees a buddy online as soon as it is added, away when the server says so, offline when it quits', async () => {
    await alice.next('presence', (p) => p.peer === 'bob' && p.availability === 'available');
    const since = alice.count('presence');
    bob.send('AWAY :at lunch');
    await bob.waitFor(/ 306 bob /);
    // Without away-notify, the server tells us when we message someone away (RPL_AWAY).
    await alice.adapter.sendMessage('bob', 'are you there?');
    expect(
      await alice.next('presence', (p) => p.peer === 'bob' && p.availability === 'away', 5000, since),
    ).toMatchObject({ status: 'at lunch' });
    bob.send('QUIT :gone');
    await alice.next('presence', (p) => p.peer === 'bob' && p.availability === 'offline', 5000, since);
  });

  it('sets our own away state, visible to others', async () => {
    const erin = await connectPeer(server.host, server.port, 'erin');
    await alice.adapter.setPresence('away', 'back soon');
    // AWAY leaves at the flood-control pace: ask until the server knows.
    for (let i = 0; i < 20 && !erin.lines.some((l) => / 301 erin alice :back soon$/.test(String(l))); i++) {
      erin.send('WHOIS alice');
      await new Promise((r) => setTimeout(r, 250));
    }
    await erin.waitFor(/ 301 erin alice :back soon$/, 100);
    await alice.adapter.setPresence('available');
    await expect(alice.adapter.setPresence('invisible')).rejects.toMatchObject({ kind: 'config' });
    erin.close();
  });

  it('forgets a buddy it is told to remove', async () => {
    await alice.adapter.removeBuddy('bob');
    expect(alice.adapter.roster()).toEqual([]);
    await alice.adapter.answerSubscription('bob', true);
  });
});
