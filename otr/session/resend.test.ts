/**
 * A message the buddy could not read (their client lost its session, or
 * refreshed it as ours was on its way) is sent again once the conversation is
 * private again: once, encrypted, only to the same key, as libotr does within 60 s.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../test-support/fixtures';
import { ALICE_TAG, BOB_TAG, deliver, makePair, say, startOtr, type Party } from '../test-support/pair';
import { Conversation } from './conversation';
import { policyForLevel } from './policy';

/** Bob's client restarts: a fresh conversation, with `key` (his own, or another). */
function restart(bob: Party, key = BOB_KEY): void {
  bob.conv = new Conversation({ ...bob.conv.options, ourKey: key, policy: policyForLevel('opportunistic') });
}

describe('sending again what the buddy could not read', () => {
  it('sends the unreadable message again, encrypted, once the new AKE completes, and the buddy reads it once', () => {
    const { alice, bob } = makePair('opportunistic');
    startOtr(alice, bob);
    restart(bob);
    const lost = say(alice, bob, 'did you get this?');
    expect(bob.received.map((r) => r.text)).toEqual(['did you get this?']);
    expect(alice.events).toContainEqual(
      expect.objectContaining({ type: 'resent', ids: [lost.id], instanceTag: BOB_TAG }),
    );
    expect(bob.conv.status().state).toBe('encrypted');
    for (const m of alice.sent) expect(m.text).not.toContain('did you get this?');
  });

  it('never sends a message a second time, even after a second error', () => {
    const { alice, bob } = makePair('opportunistic');
    startOtr(alice, bob);
    restart(bob);
    say(alice, bob, 'once only');
    restart(bob);
    say(alice, bob, 'and this one');
    expect(bob.received.map((r) => r.text)).toEqual(['once only', 'and this one']);
    expect(alice.events.filter((e) => e.type === 'resent')).toHaveLength(2);
  });

  it('does not send it again to another key, and says so', () => {
    const { alice, bob } = makePair('opportunistic');
    startOtr(alice, bob);
    restart(bob, ALICE_KEY);
    const lost = say(alice, bob, 'for bob’s old key only');
    expect(bob.received).toEqual([]);
    expect(alice.events).toContainEqual({
      type: 'not-resent',
      ids: [lost.id],
      reason: 'the new private conversation uses another key',
    });
  });

  it('does not send again a message older than a minute', () => {
    const { alice, bob, clock } = makePair('opportunistic');
    startOtr(alice, bob);
    restart(bob);
    const out = alice.conv.send('stale');
    clock.advance(61_000);
    deliver(alice, bob, out.send);
    expect(bob.received).toEqual([]);
    expect(alice.events.some((e) => e.type === 'resent' || e.type === 'not-resent')).toBe(false);
  });

  it('sends again as many of the latest messages as errors came back, in the order typed', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    say(alice, bob, 'read fine');
    // Bob's client loses its session: the next two cannot be read, and manual policy starts no AKE.
    restart(bob);
    bob.conv.setPolicy(policyForLevel('manual'));
    const a = alice.conv.send('first lost');
    const b = alice.conv.send('second lost');
    for (const m of [...a.send, ...b.send]) {
      const errors = bob.conv.receive(m.text).send;
      for (const e of errors) alice.conv.receive(e.text);
    }
    startOtr(bob, alice);
    expect(bob.received.map((r) => r.text)).toEqual(['read fine', 'first lost', 'second lost']);
  });
});

describe('typed text', () => {
  it('drops NULs, so that typed text cannot smuggle TLVs (a disconnect) into a data message', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    const out = say(alice, bob, 'hello\0\0\x01\0\0');
    expect(out.text).toBe('hello\x01');
    expect(bob.received.at(-1)?.text).toBe('hello\x01');
    expect(bob.conv.status().state).toBe('encrypted');
    expect(bob.events.map((e) => e.type)).not.toContain('peer-ended');
  });

  it('drops NULs from plaintext and held messages too', () => {
    const { alice, bob } = makePair('never');
    expect(say(alice, bob, 'a\0b').send[0]?.text).toBe('ab');
    const held = new Conversation({ ...alice.conv.options, policy: policyForLevel('always'), ourTag: ALICE_TAG }).send(
      'c\0d',
    );
    expect(held.text).toBe('cd');
  });
});
