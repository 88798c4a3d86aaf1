/**
 * OtrLayer and trust: which key a received message is verified by, a changed
 * fingerprint, SMP with a question. Going private and sending:
 * otr-layer-sending.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createConversation, fingerprint, policyForLevel, toHex } from '../../otr';
import { ALICE_KEY, BOB_KEY, testEnv } from '../../otr/test-support/fixtures';
import { identity, link, side } from '../test-support/otr-layer-sides';

describe('the OTR policy layer', () => {
  it('marks a received message verified by the key of the login that sent it, not by the one messages go to', async () => {
    const aliceId = identity(ALICE_KEY, 0x111);
    const alice = side('alice', aliceId, 'manual');
    // Bob signed in twice, with two keys; only the first is verified.
    const login = (tag: number, key: typeof BOB_KEY) =>
      createConversation({
        env: testEnv(`bob${tag}`),
        ourKey: key,
        ourTag: tag,
        policy: policyForLevel('manual'),
        accountName: 'bob',
      });
    const phone = login(0xb001, BOB_KEY);
    const laptop = login(0xb002, ALICE_KEY);
    aliceId.verified.add(`bob ${toHex(fingerprint(BOB_KEY))}`);
    const toAlice = async (texts: readonly { text: string }[]) => {
      for (const { text } of texts) await alice.layer.receive({ peer: 'bob', body: text, time: new Date() });
    };
    alice.adapter.deliver = (m) => {
      for (const conv of [phone, laptop]) void toAlice(conv.receive(m.body).send);
    };
    await toAlice(laptop.start().send);
    await toAlice(phone.start().send);
    await new Promise((r) => setTimeout(r, 50));
    expect(alice.layer.status('bob')).toMatchObject({ state: 'encrypted', verified: true });
    await toAlice(laptop.send('from the laptop').send);
    await toAlice(phone.send('from the phone').send);
    expect(alice.messages.map((m) => [m.text, m.verified])).toEqual([
      ['from the laptop', false],
      ['from the phone', true],
    ]);
  });

  it('flags a changed fingerprint loudly', async () => {
    const alice = side('alice', identity(ALICE_KEY, 0x111, { bob: 'ff'.repeat(20) }), 'manual');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'manual');
    const flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    expect(alice.notes.find((n) => n.level === 'error')?.text).toMatch(/key has CHANGED/);
  });

  it('runs SMP with a question: the asker marks the buddy verified, the answerer is told to ask back', async () => {
    const aliceId = identity(ALICE_KEY, 0x111);
    const bobId = identity(BOB_KEY, 0x222);
    const alice = side('alice', aliceId, 'manual');
    const bob = side('bob', bobId, 'manual');
    const flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    await alice.layer.smp('bob', { start: { secret: 'blue', question: 'Favourite colour?' } });
    await flow();
    expect(bob.notes.map((n) => n.text)).toContain('alice wants to authenticate you and asks: Favourite colour?');
    await bob.layer.smp('alice', { respond: 'blue' });
    await flow();
    expect(alice.layer.status('bob').verified).toBe(true);
    expect(bob.layer.status('alice').verified).toBe(false);
    expect(alice.notes.map((n) => n.text)).toContain('Authentication succeeded: bob is verified.');
    expect(bob.notes.map((n) => n.text).join('\n')).toMatch(/Ask your own question/);
  });
});
