/**
 * Whole OTRv4 conversations between two Conversations: negotiation (query,
 * whitespace tag, the highest common version, a v3-only buddy, require-v4), the
 * DAKE whole and in v4 fragments, messages both ways, held messages, the end of
 * the session, and an unreadable message. SMP and extra keys: v4-verification.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../crypto/dsa';
import { BOB_KEY } from '../test-support/fixtures';
import { policyForLevel } from './policy';
import { BOB_TAG, deliver, say, startOtr } from '../test-support/pair';
import { makeV4Pair } from '../test-support/v4-pair';

describe('an OTRv4 conversation', () => {
  it('starts from a query offering 2, 3 and 4, and both sides go private with version 4', () => {
    const { alice, bob } = makeV4Pair('manual');
    const query = alice.conv.start();
    expect(query.send[0]?.text).toMatch(/^\?OTRv234\? /);
    deliver(alice, bob, query.send);
    const secure = (events: typeof alice.events) => events.filter((e) => e.type === 'gone-secure');
    expect(secure(alice.events)).toMatchObject([{ version: 4, instanceTag: BOB_TAG }]);
    expect(secure(bob.events)).toMatchObject([{ version: 4 }]);
    expect(alice.conv.status()).toMatchObject({ state: 'encrypted', version: 4, instanceTag: BOB_TAG });
    expect(alice.conv.status().fingerprint).toHaveLength(56);
    expect(alice.conv.status().ssid).toEqual(bob.conv.status().ssid);
  });

  it('carries messages both ways, in order, each read once', () => {
    const { alice, bob } = makeV4Pair('manual');
    startOtr(alice, bob);
    for (let n = 0; n < 7; n++) {
      const [from, to] = n % 3 === 2 ? [bob, alice] : [alice, bob];
      const out = say(from, to, `message ${n}`);
      expect(out).toMatchObject({ status: 'sent', encrypted: true });
      expect(out.send[0]?.text).toMatch(/^\?OTR:AAQD/);
    }
    expect(bob.received.map((r) => r.text)).toEqual(['message 0', 'message 1', 'message 3', 'message 4', 'message 6']);
    expect(alice.received.map((r) => r.text)).toEqual(['message 2', 'message 5']);
    expect(bob.received.every((r) => r.encrypted && r.fingerprint?.length === 56)).toBe(true);
  });

  it('shows the v3 key that signed the buddy’s profile (the transitional signature)', () => {
    const { alice, bob } = makeV4Pair('manual');
    startOtr(alice, bob);
    expect(alice.conv.status().transitional).toEqual(fingerprint(BOB_KEY));
  });

  it('speaks v3 with a buddy whose account has no v4 keys, unchanged', () => {
    const { alice, bob } = makeV4Pair('manual', { bobV4: false });
    startOtr(alice, bob);
    expect(alice.conv.status()).toMatchObject({ state: 'encrypted', version: 3 });
    expect(bob.conv.status()).toMatchObject({ state: 'encrypted', version: 3 });
    say(alice, bob, 'over v3');
    expect(bob.received).toMatchObject([{ text: 'over v3', encrypted: true }]);
  });

  it('answers a whitespace tag offering v4 with a DAKE (opportunistic)', () => {
    const { alice, bob } = makeV4Pair('opportunistic');
    const out = say(alice, bob, 'hello');
    expect(out.send[0]?.text).toContain('  \t\t \t  ');
    expect(bob.received[0]).toMatchObject({ text: 'hello', encrypted: false });
    expect(alice.conv.status()).toMatchObject({ state: 'encrypted', version: 4 });
  });

  it('completes the DAKE and chats through v4 fragments on a small transport, reassembled out of order', () => {
    const { alice, bob } = makeV4Pair('manual', { alice: { maxMessageBytes: 300 }, bob: { maxMessageBytes: 300 } });
    startOtr(alice, bob);
    expect(bob.sent.some((m) => m.text.startsWith('?OTR|'))).toBe(true);
    expect(alice.conv.status()).toMatchObject({ state: 'encrypted', version: 4 });
    const long = 'x'.repeat(2000);
    const sent = alice.conv.send(long);
    expect(sent.send.length).toBeGreaterThan(5);
    deliver(alice, bob, [...sent.send].reverse());
    expect(bob.received.at(-1)).toMatchObject({ text: long, encrypted: true });
  });

  it('holds messages under "always" and sends them over v4 once private', () => {
    const { alice, bob } = makeV4Pair('always');
    const first = alice.conv.send('first');
    const second = alice.conv.send('second');
    expect([first.status, second.status]).toEqual(['held', 'held']);
    deliver(alice, bob, first.send);
    expect(bob.received.map((r) => [r.text, r.encrypted])).toEqual([
      ['first', true],
      ['second', true],
    ]);
    expect(alice.events).toContainEqual(expect.objectContaining({ type: 'held-sent', ids: [first.id, second.id] }));
  });

  it('under require-v4, never goes private with a v3-only buddy', () => {
    const { alice, bob } = makeV4Pair('require-v4', { bobV4: false, bob: { policy: policyForLevel('always') } });
    const held = alice.conv.send('only over v4');
    expect(held.status).toBe('held');
    expect(held.send[0]?.text).toMatch(/^\?OTRv4\? /);
    deliver(alice, bob, held.send);
    expect(alice.conv.status().state).toBe('plaintext');
    expect(bob.received).toEqual([]);
  });

  it('ends: the buddy sees the session finished, and its keys are gone', () => {
    const { alice, bob } = makeV4Pair('manual');
    startOtr(alice, bob);
    const end = alice.conv.end();
    deliver(alice, bob, end.send);
    expect(bob.events).toContainEqual({ type: 'peer-ended', instanceTag: expect.any(Number) });
    expect(bob.conv.status().state).toBe('finished');
    expect(bob.conv.send('after').status).toBe('refused');
  });

  it('answers a data message without a session with ERROR_2, and a damaged one with ERROR_1', () => {
    const { alice, bob } = makeV4Pair('manual');
    startOtr(alice, bob);
    const data = alice.conv.send('to be damaged').send[0]!.text;
    const fresh = makeV4Pair('manual');
    const noSession = fresh.bob.conv.receive(data);
    expect(noSession.send[0]?.text).toMatch(/^\?OTR Error: ERROR_2: /);
    const bytes = data.slice(5, -1);
    const flipped = `?OTR:${bytes.slice(0, 120)}${bytes[120] === 'A' ? 'B' : 'A'}${bytes.slice(121)}.`;
    const damaged = bob.conv.receive(flipped);
    expect(damaged.received).toBeUndefined();
    expect(damaged.send[0]?.text).toMatch(/^\?OTR Error: ERROR_1: /);
    expect(bob.conv.receive(data).received?.text).toBe('to be damaged');
  });
});

describe('data before the Auth-I it follows', () => {
  it('is kept while the DAKE waits for Auth-I and read, in order, once Auth-I comes', () => {
    const { alice, bob } = makeV4Pair('manual');
    const identity = alice.conv.receive(bob.conv.start().send[0]!.text).send;
    expect(identity).toHaveLength(1);
    const authR = bob.conv.receive(identity[0]!.text).send;
    const authI = alice.conv.receive(authR[0]!.text).send;
    expect(alice.conv.status().state).toBe('encrypted');
    const early = ['early one', 'early two'].map((t) => alice.conv.send(t).send[0]!.text);
    for (const text of early) expect(bob.conv.receive(text)).toEqual({ send: [], events: [] });
    const done = bob.conv.receive(authI[0]!.text);
    expect(done.events).toContainEqual(expect.objectContaining({ type: 'gone-secure', version: 4 }));
    expect([done.received, ...(done.alsoReceived ?? [])].map((r) => r?.text)).toEqual(['early one', 'early two']);
    expect(done.send.filter((m) => m.text.startsWith('?OTR Error'))).toEqual([]);
  });
});
