import { describe, expect, it } from 'vitest';
import { fingerprint } from '../crypto/dsa';
import { ALICE_KEY, BOB_KEY } from '../test-support/fixtures';
import { ALICE_TAG, BOB_TAG, deliver, makePair, say, startOtr } from '../test-support/pair';
import { decodeMessage } from '../wire/messages';
import { classify } from '../wire/text-messages';

describe('a whole OTR v3 conversation between two Sotto conversations', () => {
  it('runs the AKE from a query and goes private on both sides with the same ssid', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    const a = alice.conv.status();
    const b = bob.conv.status();
    expect(a.state).toBe('encrypted');
    expect(b.state).toBe('encrypted');
    expect(a.instanceTag).toBe(BOB_TAG);
    expect(b.instanceTag).toBe(ALICE_TAG);
    expect(a.ssid).toEqual(b.ssid);
    expect(a.fingerprint).toEqual(fingerprint(BOB_KEY));
    expect(b.fingerprint).toEqual(fingerprint(ALICE_KEY));
    expect(alice.events.filter((e) => e.type === 'gone-secure')).toHaveLength(1);
  });

  it('carries messages both ways, encrypted, and nothing readable on the wire', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    say(alice, bob, 'hello bob');
    say(bob, alice, 'hi alice ✓');
    say(alice, bob, 'third');
    expect(bob.received.map((r) => [r.text, r.encrypted])).toEqual([
      ['hello bob', true],
      ['third', true],
    ]);
    expect(alice.received).toEqual([
      { text: 'hi alice ✓', encrypted: true, instanceTag: BOB_TAG, fingerprint: fingerprint(BOB_KEY) },
    ]);
    for (const m of [...alice.sent, ...bob.sent]) expect(m.text).not.toMatch(/hello|alice ✓|third/);
  });

  it('reveals old MAC keys on the wire as keys rotate (deniability)', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    for (let i = 0; i < 4; i++) {
      say(alice, bob, `a${i}`);
      say(bob, alice, `b${i}`);
    }
    const revealed = [...alice.sent, ...bob.sent]
      .map((m) => classify(m.text))
      .flatMap((c) => (c.kind === 'encoded' ? [decodeMessage(c.bytes)] : []))
      .flatMap((m) => (m.type === 'data' ? [m.oldMacKeys.length] : []));
    expect(revealed.some((n) => n > 0)).toBe(true);
    expect(revealed.every((n) => n % 20 === 0)).toBe(true);
  });

  it('starts the AKE from a whitespace tag under the opportunistic policy', () => {
    const { alice, bob } = makePair('opportunistic');
    say(alice, bob, 'plain hello');
    expect(bob.received[0]).toEqual({ text: 'plain hello', encrypted: false });
    expect(alice.conv.status().state).toBe('encrypted');
    expect(bob.conv.status().state).toBe('encrypted');
  });

  it('holds messages under "always" and sends them, encrypted and in order, once private', () => {
    const { alice, bob } = makePair('always');
    const first = alice.conv.send('one');
    const second = alice.conv.send('two');
    expect(first.status).toBe('held');
    expect(second.status).toBe('held');
    expect(second.send).toEqual([]);
    // Only the query went out: never the text in the clear.
    expect(first.send).toHaveLength(1);
    expect(first.send[0]?.text).toMatch(/^\?OTRv23\?/);
    deliver(alice, bob, first.send);
    expect(bob.received.map((r) => [r.text, r.encrypted])).toEqual([
      ['one', true],
      ['two', true],
    ]);
    for (const m of alice.sent) expect(m.text).not.toMatch(/one|two/);
  });

  it('ends: the peer goes finished and refuses to send until it ends too', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    const end = alice.conv.end();
    deliver(alice, bob, end.send);
    expect(alice.conv.status().state).toBe('plaintext');
    expect(bob.conv.status().state).toBe('finished');
    expect(bob.events).toContainEqual({ type: 'peer-ended', instanceTag: ALICE_TAG });
    const refused = bob.conv.send('are you there?');
    expect(refused.status).toBe('refused');
    expect(refused.send).toEqual([]);
    bob.conv.end();
    expect(bob.conv.status().state).toBe('plaintext');
    startOtr(bob, alice);
    expect(alice.conv.status().state).toBe('encrypted');
    say(bob, alice, 'back again');
    expect(alice.received.at(-1)).toEqual({
      text: 'back again',
      encrypted: true,
      instanceTag: BOB_TAG,
      fingerprint: fingerprint(BOB_KEY),
    });
  });

  it('fragments a 10 kB message at 400 bytes and reassembles it', () => {
    const { alice, bob } = makePair('manual', { maxMessageBytes: 400 });
    startOtr(alice, bob);
    const text = 'x'.repeat(10_000);
    const out = say(alice, bob, text);
    expect(out.send.length).toBeGreaterThan(30);
    for (const m of out.send) expect(m.text.length).toBeLessThanOrEqual(400);
    expect(bob.received.at(-1)?.text).toBe(text);
  });

  it('drops a replayed data message without an error reply (a network duplicate), and keeps working', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    const out = say(alice, bob, 'once');
    const replay = bob.conv.receive(out.send[0]!.text);
    expect(replay.received).toBeUndefined();
    expect(replay.send).toEqual([]);
    expect(replay.events).toEqual([{ type: 'replayed', instanceTag: ALICE_TAG }]);
    say(alice, bob, 'twice');
    expect(bob.received.map((r) => r.text)).toEqual(['once', 'twice']);
  });
});

describe('refreshes', () => {
  const commitsBy = (p: { sent: { text: string }[] }) =>
    p.sent.flatMap((m) => {
      const c = classify(m.text);
      if (c.kind !== 'encoded') return [];
      const d = decodeMessage(c.bytes);
      return d.type === 'dh-commit' ? [Buffer.from(d.hashedGx).toString('hex')] : [];
    });

  it('answers a later query with a new D-H Commit (a fresh x), not the first AKE’s, which the buddy already opened', () => {
    const { alice, bob, clock } = makePair('manual');
    startOtr(alice, bob);
    clock.advance(5 * 60_000);
    startOtr(alice, bob);
    const commits = commitsBy(bob);
    expect(commits).toHaveLength(2);
    expect(commits[0]).not.toBe(commits[1]);
    expect(alice.conv.status().state).toBe('encrypted');
  });

  it('drops an AKE left unanswered (a lost Signature) once the AKE timeout passes, even while private, so a refresh works', () => {
    const { alice, bob, clock } = makePair('manual');
    startOtr(alice, bob);
    // A refresh whose last message is lost: bob's state waits for a Signature that never comes.
    const query = alice.conv.start().send;
    const commit = bob.conv.receive(query[0]!.text).send;
    const key = alice.conv.receive(commit[0]!.text).send;
    bob.conv.receive(key[0]!.text);
    expect(bob.conv.instances.get(ALICE_TAG)?.auth.state).toBe('awaiting-sig');
    clock.advance(61_000);
    bob.conv.tick();
    expect(bob.conv.instances.get(ALICE_TAG)?.auth.state).toBe('none');
    startOtr(alice, bob);
    say(alice, bob, 'refreshed');
    expect(bob.received.at(-1)?.text).toBe('refreshed');
  });
});

describe('AKEs that cross', () => {
  it('complete when both sides send a query at once (both commit, through the master)', () => {
    const { alice, bob } = makePair('opportunistic');
    const aq = alice.conv.start().send;
    const bq = bob.conv.start().send;
    // Each query reaches the other before any answer: both start an AKE.
    const aCommit = alice.conv.receive(bq[0]!.text).send;
    const bCommit = bob.conv.receive(aq[0]!.text).send;
    const aOut = aCommit.map((m) => ({ from: 'alice', m }));
    const bOut = bCommit.map((m) => ({ from: 'bob', m }));
    // Deliver both commits crosswise, then everything that follows.
    const fromBob = bob.conv.receive(aOut[0]!.m.text).send;
    const fromAlice = alice.conv.receive(bOut[0]!.m.text).send;
    deliver(bob, alice, fromBob);
    deliver(alice, bob, fromAlice);
    expect(alice.conv.status().state).toBe('encrypted');
    expect(bob.conv.status().state).toBe('encrypted');
    say(alice, bob, 'after the race');
    expect(bob.received.at(-1)).toMatchObject({ text: 'after the race', encrypted: true });
  });

  it('answers a second query with the same commit instead of starting over', () => {
    const { alice, bob } = makePair('manual');
    const q = alice.conv.start().send[0]!.text;
    const first = bob.conv.receive(q).send;
    const second = bob.conv.receive(q).send;
    expect(second).toEqual(first);
  });
});
