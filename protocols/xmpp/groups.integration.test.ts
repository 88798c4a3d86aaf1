/**
 * Group chat (XEP-0045) in plaintext on Prosody's MUC component: joining a new
 * room and one that exists, the member list as people come and go, messages
 * both ways (our own echoed back as own), a nickname already taken, leaving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, sleep, type Recorded } from './test-support/harness';
import { rawLogin } from './test-support/raw-xmpp';

describe('XMPP group chat against Prosody', () => {
  let server: ProsodyServer;
  let alice: Recorded;
  let bob: Recorded;
  let room: string;

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'bob', 'carol'].map((name) => ({ name, password: `${name}-pw` })) });
    room = `tea@${server.mucDomain}`;
    alice = account(server, 'alice', 'alice-pw');
    bob = account(server, 'bob', 'bob-pw');
    await Promise.all([alice, bob].map((a) => a.adapter.connect()));
  });
  afterAll(async () => {
    await Promise.all([alice, bob].map((a) => a?.adapter.disconnect()));
    await server?.dispose();
  });

  it('creates and joins a room, and lists herself as its member', async () => {
    await alice.adapter.joinGroup(room, 'Alice');
    expect(await alice.next('group.members', (m) => m.room === room)).toEqual({ room, members: ['Alice'] });
  });

  it('bob joins the (unlocked) room with the default nick: both see two members', async () => {
    await bob.adapter.joinGroup(room);
    expect(await bob.next('group.members', (m) => m.members.length === 2)).toEqual({ room, members: ['Alice', 'bob'] });
    expect(await alice.next('group.members', (m) => m.members.length === 2)).toEqual({
      room,
      members: ['Alice', 'bob'],
    });
  });

  it('carries messages both ways, marking our own echo', async () => {
    await alice.adapter.sendGroupMessage(room, 'Tea is ready');
    const atBob = await bob.next('group.message', (m) => m.body === 'Tea is ready');
    expect(atBob).toMatchObject({ room, nick: 'Alice', body: 'Tea is ready' });
    expect(atBob.own).toBeUndefined();
    const echo = await alice.next('group.message', (m) => m.body === 'Tea is ready');
    expect(echo).toMatchObject({ room, nick: 'Alice', own: true });
    await bob.adapter.sendGroupMessage(room, 'Coming <now> & then');
    expect(await alice.next('group.message', (m) => m.nick === 'bob')).toMatchObject({
      room,
      nick: 'bob',
      body: 'Coming <now> & then',
    });
  });

  it('refuses a nickname already in the room with a clear reason', async () => {
    const again = account(server, 'bob', 'bob-pw', { resource: 'second' });
    await again.adapter.connect();
    await expect(again.adapter.joinGroup(room, 'Alice')).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('already in use'),
    });
    await again.adapter.disconnect();
  });

  it('bob leaves: alice sees one member again, and bob can no longer send there', async () => {
    await bob.adapter.leaveGroup(room);
    expect(
      await alice.next('group.members', (m) => m.members.length === 1, 10_000, alice.count('group.members')),
    ).toEqual({ room, members: ['Alice'] });
    await expect(bob.adapter.sendGroupMessage(room, 'hello?')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('refuses a room address that is not one', async () => {
    await expect(alice.adapter.joinGroup('no-room-here')).rejects.toMatchObject({ kind: 'config' });
  });

  it('joins a room that someone else is still creating once they have unlocked it', async () => {
    const locked = `new@${server.mucDomain}`;
    const carol = await rawLogin(server.host, server.port, server.domain, 'carol', 'carol-pw', 'raw');
    try {
      carol.send(`<presence to='${locked}/carol'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
      await carol.waitFor(/status code=['"]201['"]/);
      const joining = bob.adapter.joinGroup(locked, 'bob');
      await sleep(500); // bob's first try meets the locked room
      carol.send(
        `<iq type='set' to='${locked}' id='unlock'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      );
      await joining;
      expect(await bob.next('group.members', (m) => m.room === locked)).toEqual({
        room: locked,
        members: ['bob', 'carol'],
      });
    } finally {
      carol.close();
    }
  });
});
