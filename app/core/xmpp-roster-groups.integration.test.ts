/**
 * The buddy list, subscriptions, presence and group chats through the core's
 * API, between two headless Sotto processes on a real Prosody.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';

let server: ProsodyServer;
const running: HeadlessSotto[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: ['ann', 'ben', 'cat', 'dan'].map((name) => ({ name, password: `${name}-pw` })),
  });
});
afterAll(() => server?.dispose());
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function online(name: string) {
  const sotto = startHeadless();
  running.push(sotto);
  const jid = `${name}@${server.domain}`;
  const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
    protocol: 'xmpp',
    jid,
    password: `${name}-pw`,
    host: server.host,
    port: server.port,
    tls: 'none',
  });
  await sotto.call('account.connect', { accountId });
  return { sotto, accountId, jid };
}

interface BuddyEvent {
  peer: string;
  subscription: string;
  presence: { availability: string; status?: string };
}

describe('buddies and group chats through the core', () => {
  it('asks, accepts, and then sees the buddy online with their status', async () => {
    const ann = await online('ann');
    const ben = await online('ben');
    await ann.sotto.call('buddy.add', { accountId: ann.accountId, peer: ben.jid, name: 'Ben', groups: ['Friends'] });
    expect(await ben.sotto.waitForEvent('subscription.request')).toEqual({ accountId: ben.accountId, peer: ann.jid });
    await ben.sotto.call('buddy.authorize', { accountId: ben.accountId, peer: ann.jid, accept: true });
    await ben.sotto.call('presence.set', { availability: 'away', status: 'at lunch' });
    const seen = await ann.sotto.waitForEvent<BuddyEvent>(
      'buddy.updated',
      (b) => b.peer === ben.jid && b.presence.availability === 'away',
    );
    expect(seen.presence.status).toBe('at lunch');
    const list = await ann.sotto.call<(BuddyEvent & { name?: string; groups: string[] })[]>('buddy.list');
    expect(list.find((b) => b.peer === ben.jid)).toMatchObject({
      name: 'Ben',
      groups: ['Friends'],
      subscription: expect.stringMatching(/to|both/),
    });
  });

  it('joins a group chat, says it is not private, and carries messages with nicks', async () => {
    const cat = await online('cat');
    const dan = await online('dan');
    const room = `lobby@${server.mucDomain}`;
    await cat.sotto.call('group.join', { accountId: cat.accountId, room, nick: 'cat' });
    await dan.sotto.call('group.join', { accountId: dan.accountId, room, nick: 'dan' });
    const note = await cat.sotto.waitForEvent<{ line: { text: string } }>('conversation.line', (e) =>
      /not private/.test(e.line.text),
    );
    expect(note.line.text).toMatch(/Group chats are not private/);
    await cat.sotto.waitForEvent<{ members: string[] }>('group.members', (e) => e.members.includes('dan'));
    await dan.sotto.call('group.send', { accountId: dan.accountId, room, text: 'hello room' });
    const got = await cat.sotto.waitForEvent<{
      peer: string;
      line: { text: string; nick?: string; direction: string };
    }>('conversation.line', (e) => e.line.text === 'hello room');
    expect(got).toMatchObject({ peer: room, line: { nick: 'dan', direction: 'in', encrypted: false } });
  });

  it('makes a key with progress, exports it in libotr format, and imports it elsewhere with the same fingerprint', async () => {
    const ann = await online('ann');
    const { fingerprint } = await ann.sotto.call<{ fingerprint: string }>('otr.fingerprint.mine', {
      accountId: ann.accountId,
    });
    expect(fingerprint).toMatch(/^[0-9a-f]{40}$/);
    const dir = mkdtempSync(join(tmpdir(), 'sotto-export-'));
    const exported = await ann.sotto.call<{ lines: string[] }>('otr.keys.export', { dir });
    expect(exported.lines[0]).toMatch(/Exported 1 key/);
    expect(readFileSync(join(dir, 'otr.private_key'), 'utf8')).toMatch(/\(privkeys/);
    expect(statSync(join(dir, 'otr.private_key')).mode & 0o777).toBe(0o600);

    const other = startHeadless();
    running.push(other);
    const { accountId } = await other.call<{ accountId: string }>('account.add', {
      protocol: 'xmpp',
      jid: ann.jid,
      password: 'x',
      host: server.host,
      port: server.port,
      tls: 'none',
    });
    const imported = await other.call<{ lines: string[] }>('otr.keys.import', { dir });
    expect(imported.lines.join('\n')).toContain(fingerprint.toUpperCase().match(/.{8}/g)!.join(' '));
    expect(await other.call('otr.fingerprint.mine', { accountId })).toMatchObject({ fingerprint });
  });
});
