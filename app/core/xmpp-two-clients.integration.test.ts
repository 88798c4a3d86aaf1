/**
 * Two headless Sotto processes (alice and bob) on a real Prosody: what a user
 * of each would see, driven through JSON-RPC exactly as scripts would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';

let server: ProsodyServer;
const running: HeadlessSotto[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank'].map((name) => ({
      name,
      password: `${name}-pw`,
    })),
  });
});
afterAll(() => server?.dispose());
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

interface Received {
  accountId: string;
  peer: string;
  text: string;
  encrypted: boolean;
  verified: boolean;
}

async function online(
  name: string,
  policy: string,
  profileDir?: string,
): Promise<{ sotto: HeadlessSotto; accountId: string; jid: string }> {
  const sotto = startHeadless(profileDir);
  running.push(sotto);
  const jid = `${name}@${server.domain}`;
  const accounts = await sotto.call<{ accountId: string }[]>('account.list');
  const accountId =
    accounts[0]?.accountId ??
    (
      await sotto.call<{ accountId: string }>('account.add', {
        protocol: 'xmpp',
        jid,
        password: `${name}-pw`,
        host: server.host,
        port: server.port,
        tls: 'none',
      })
    ).accountId;
  await sotto.call('otr.setPolicy', { accountId, policy });
  expect(await sotto.call('account.connect', { accountId })).toEqual({ state: 'online' });
  return { sotto, accountId, jid };
}

/** Every conversation log of a profile, as one text. */
function logsOf(s: HeadlessSotto): string {
  const dir = join(s.profileDir, 'logs');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('');
}

const receivedBy = (s: HeadlessSotto, text: string) =>
  s.waitForEvent<Received>('message.received', (m) => m.text === text);

describe('two headless Sotto processes over Prosody', () => {
  it('chat in plain text when OTR is manual, and nothing else goes on the wire', async () => {
    const alice = await online('alice', 'manual');
    const bob = await online('bob', 'manual');
    expect(
      await alice.sotto.call('message.send', { accountId: alice.accountId, peer: bob.jid, text: 'hello bob' }),
    ).toMatchObject({ status: 'sent' });
    expect(await receivedBy(bob.sotto, 'hello bob')).toMatchObject({ peer: alice.jid, encrypted: false });
    await bob.sotto.call('message.send', { accountId: bob.accountId, peer: alice.jid, text: 'hi alice' });
    expect(await receivedBy(alice.sotto, 'hi alice')).toMatchObject({ peer: bob.jid, encrypted: false });
    expect(await alice.sotto.call('otr.status', { accountId: alice.accountId, peer: bob.jid })).toMatchObject({
      state: 'plaintext',
    });
  });

  it('go private by themselves under the opportunistic default, then verify each other with SMP', async () => {
    const alice = await online('carol', 'opportunistic');
    const bob = await online('dave', 'opportunistic');
    await alice.sotto.call('message.send', { accountId: alice.accountId, peer: bob.jid, text: 'first, in the clear' });
    expect(await receivedBy(bob.sotto, 'first, in the clear')).toMatchObject({ encrypted: false });
    await alice.sotto.waitForEvent(
      'otr.state',
      (e: { peer: string; state: string }) => e.peer === bob.jid && e.state === 'encrypted',
    );
    await alice.sotto.call('message.send', { accountId: alice.accountId, peer: bob.jid, text: 'now private' });
    expect(await receivedBy(bob.sotto, 'now private')).toMatchObject({ encrypted: true, verified: false });

    await alice.sotto.call('otr.smp.start', {
      accountId: alice.accountId,
      peer: bob.jid,
      secret: 'the blue door',
      question: 'Where did we meet?',
    });
    expect(await bob.sotto.waitForEvent('otr.smp', (e: { event: string }) => e.event === 'request')).toMatchObject({
      question: 'Where did we meet?',
    });
    await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'the blue door' });
    await alice.sotto.waitForEvent('otr.smp', (e: { event: string }) => e.event === 'succeeded');
    expect(await alice.sotto.call('otr.status', { accountId: alice.accountId, peer: bob.jid })).toMatchObject({
      state: 'encrypted',
      verified: true,
    });
    await alice.sotto.call('message.send', { accountId: alice.accountId, peer: bob.jid, text: 'verified now' });
    await receivedBy(bob.sotto, 'verified now');

    // Trust survives a restart of both processes: the next AKE is verified at once.
    const [aliceProfile, bobProfile] = [alice.sotto.profileDir, bob.sotto.profileDir];
    await Promise.all(running.splice(0).map((s) => s.stop()));
    const alice2 = await online('carol', 'opportunistic', aliceProfile);
    const bob2 = await online('dave', 'opportunistic', bobProfile);
    await alice2.sotto.call('otr.start', { accountId: alice2.accountId, peer: bob2.jid });
    expect(
      await alice2.sotto.waitForEvent('otr.state', (e: { state: string }) => e.state === 'encrypted'),
    ).toMatchObject({ verified: true });
    const fingerprints = await alice2.sotto.call<{ trust: string }[]>('otr.fingerprint.list', {
      accountId: alice2.accountId,
    });
    expect(fingerprints).toEqual([expect.objectContaining({ peer: bob2.jid, trust: 'verified-smp' })]);
  });

  it('under "always", hold what is typed before the AKE and deliver it once, in order, encrypted', async () => {
    const alice = await online('erin', 'always');
    const bob = await online('frank', 'opportunistic');
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const statuses = [];
    for (const text of texts)
      statuses.push(
        (
          await alice.sotto.call<{ status: string }>('message.send', {
            accountId: alice.accountId,
            peer: bob.jid,
            text,
          })
        ).status,
      );
    expect(statuses.every((s) => s === 'queued' || s === 'sent')).toBe(true);
    const got: Received[] = [];
    for (const text of texts) got.push(await receivedBy(bob.sotto, text));
    expect(got.map((m) => [m.text, m.encrypted])).toEqual(texts.map((t) => [t, true]));
    // None twice.
    await new Promise((r) => setTimeout(r, 300));
    await expect(bob.sotto.waitForEvent('message.received', () => true, 200)).rejects.toThrow(/no matching/);
  });

  it('keep held messages and SMP questions out of the plaintext log: they were bound for OTR', async () => {
    const alice = await online('gina', 'always');
    const bob = await online('hank', 'opportunistic');
    await alice.sotto.call('settings.set', { logging: { plaintext: true } });
    expect(
      await alice.sotto.call('message.send', { accountId: alice.accountId, peer: bob.jid, text: 'held until private' }),
    ).toMatchObject({ status: 'queued' });
    expect(await receivedBy(bob.sotto, 'held until private')).toMatchObject({ encrypted: true });
    await bob.sotto.call('otr.smp.start', {
      accountId: bob.accountId,
      peer: alice.jid,
      secret: 'Tiger',
      question: 'The name of our first cat?',
    });
    await alice.sotto.waitForEvent('otr.smp', (e: { event: string }) => e.event === 'request');
    await alice.sotto.call('otr.end', { accountId: alice.accountId, peer: bob.jid });
    // Plain system lines are logged (the switch is on); nothing that was bound for OTR is.
    await expect.poll(() => logsOf(alice.sotto), { timeout: 5000 }).toContain('Private conversation with');
    expect(logsOf(alice.sotto)).not.toMatch(/held until private|first cat/);
  });
});
