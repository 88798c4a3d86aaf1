/**
 * OTR version 4 between two headless Sotto processes over a real Prosody and a
 * real ngIRCd, driven through JSON-RPC: the highest common version (4) is chosen
 * by itself, messages go both ways encrypted, the SMP on Ed448 verifies the
 * buddy's v4 key and fails on a wrong answer, and the transitional signature
 * names the buddy's v3 key. Over IRC the DAKE's messages (1-2 kB) travel in v4
 * fragments.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';
import { startNgircd, type NgircdServer } from '../../testkit/servers/ngircd';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';

let prosody: ProsodyServer;
let ngircd: NgircdServer;
const running: HeadlessSotto[] = [];

beforeAll(async () => {
  prosody = await startProsody({ users: ['ann', 'ben'].map((name) => ({ name, password: `${name}-pw` })) });
  ngircd = await startNgircd();
});
afterAll(async () => {
  await prosody?.dispose();
  await ngircd?.dispose();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/**
 * IRC paces our lines (0.5-1 s each, protocols/irc/flood-clock.ts) and the DAKE is
 * 13 of them there, an SMP step 2-3: waits are sized for that.
 */
const WAIT_MS = 60_000;

interface Party {
  sotto: HeadlessSotto;
  accountId: string;
  /** How the other side names this party. */
  name: string;
}

async function online(params: Record<string, unknown>, name: string): Promise<Party> {
  const sotto = startHeadless();
  running.push(sotto);
  const { accountId } = await sotto.call<{ accountId: string }>('account.add', params);
  await sotto.call('otr.setPolicy', { accountId, policy: 'opportunistic' });
  expect(await sotto.call('account.connect', { accountId })).toEqual({ state: 'online' });
  return { sotto, accountId, name };
}

const xmpp = (user: string) =>
  online(
    {
      protocol: 'xmpp',
      jid: `${user}@${prosody.domain}`,
      password: `${user}-pw`,
      host: prosody.host,
      port: prosody.port,
      tls: 'none',
    },
    `${user}@${prosody.domain}`,
  );
const irc = (nick: string) => online({ protocol: 'irc', nick, host: ngircd.host, port: ngircd.port, tls: false }, nick);

const received = (p: Party, text: string) =>
  p.sotto.waitForEvent<{ text: string; encrypted: boolean; verified: boolean }>(
    'message.received',
    (m: { text: string }) => m.text === text,
    WAIT_MS,
  );
const smpEvent = (p: Party, event: string) =>
  p.sotto.waitForEvent('otr.smp', (e: { event: string }) => e.event === event, WAIT_MS);
const status = (p: Party, peer: Party) =>
  p.sotto.call<{ state: string; version?: number; verified: boolean; fingerprint?: string; transitional?: object }>(
    'otr.status',
    { accountId: p.accountId, peer: peer.name },
  );

async function goPrivate(a: Party, b: Party): Promise<void> {
  await a.sotto.call('message.send', { accountId: a.accountId, peer: b.name, text: 'hello, in the clear' });
  await received(b, 'hello, in the clear');
  await a.sotto.waitForEvent(
    'otr.state',
    (e: { peer: string; state: string }) => e.peer === b.name && e.state === 'encrypted',
    WAIT_MS,
  );
}

async function chatAndVerify(a: Party, b: Party): Promise<void> {
  await goPrivate(a, b);
  const s = await status(a, b);
  expect(s).toMatchObject({ state: 'encrypted', version: 4, verified: false });
  expect(s.fingerprint).toMatch(/^[0-9a-f]{112}$/);
  const mine = await b.sotto.call<{ v4?: { fingerprint: string } }>('otr.fingerprint.mine', { accountId: b.accountId });
  expect(mine.v4?.fingerprint).toBe(s.fingerprint);
  expect(s.transitional).toMatchObject({ fingerprint: expect.stringMatching(/^[0-9a-f]{40}$/), verified: false });

  await a.sotto.call('message.send', { accountId: a.accountId, peer: b.name, text: 'private over v4' });
  expect(await received(b, 'private over v4')).toMatchObject({ encrypted: true });
  await b.sotto.call('message.send', { accountId: b.accountId, peer: a.name, text: 'and back' });
  expect(await received(a, 'and back')).toMatchObject({ encrypted: true });

  // A wrong answer fails on both sides and verifies nothing.
  await a.sotto.call('otr.smp.start', { accountId: a.accountId, peer: b.name, secret: 'right', question: 'Which?' });
  await smpEvent(b, 'request');
  await b.sotto.call('otr.smp.respond', { accountId: b.accountId, peer: a.name, secret: 'wrong' });
  await Promise.all([smpEvent(a, 'failed'), smpEvent(b, 'failed')]);
  expect(await status(a, b)).toMatchObject({ verified: false });

  await a.sotto.call('otr.smp.start', { accountId: a.accountId, peer: b.name, secret: 'right', question: 'Which?' });
  await smpEvent(b, 'request');
  await b.sotto.call('otr.smp.respond', { accountId: b.accountId, peer: a.name, secret: 'right' });
  await smpEvent(a, 'succeeded');
  expect(await status(a, b)).toMatchObject({ state: 'encrypted', version: 4, verified: true });
}

describe('OTR version 4 between two Sotto', () => {
  it('over Prosody: v4 chosen by itself, chat both ways, SMP fails then verifies', async () => {
    await chatAndVerify(await xmpp('ann'), await xmpp('ben'));
  });

  it(
    'over ngIRCd: the DAKE in v4 fragments, chat both ways, SMP fails then verifies',
    { timeout: 240_000 },
    async () => {
      await chatAndVerify(await irc('ann'), await irc('ben'));
    },
  );
});
