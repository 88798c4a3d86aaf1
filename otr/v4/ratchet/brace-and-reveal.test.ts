import { describe, expect, it } from 'vitest';
import { constantTimeEqual, toHex } from '../../bytes';
import { deliver, ratchetPair, text } from '../../test-support/v4-ratchet-pair';
import { decodeDataMessage, type ReceivedDataMessage } from '../wire/data-message';
import { authenticator } from './keys';
import type { Ratchet, Sealed } from './ratchet';

function exchange(from: Ratchet, to: Ratchet, count: number): Sealed[] {
  const sent = Array.from({ length: count }, (_, n) => from.seal(text(`message ${n}`)));
  for (const s of sent) expect(deliver(to, s).ok).toBe(true);
  return sent;
}

describe('the brace key', () => {
  it('takes a new 3072-bit DH key exactly every third ratchet, carried by every message of that ratchet', () => {
    const { alice, bob } = ratchetPair('brace');
    const ratchets: { id: number; dh: string[] }[] = [];
    for (let n = 0; n < 11; n++) {
      const [from, to] = n % 2 === 0 ? [alice, bob] : [bob, alice];
      const sent = exchange(from, to, 2);
      ratchets.push({ id: sent[0]!.message.ratchetId, dh: sent.map((s) => toHex(s.message.dh)) });
    }
    expect(ratchets.map((r) => r.id)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Alice's first chain is the DAKE's (Bob has its DH key); then ids 0, 3, 6, 9 bring new DH keys.
    const carrying = ratchets.filter((r) => r.dh[0] !== '');
    expect(carrying.map((r) => r.id)).toEqual([0, 3, 6, 9]);
    expect(ratchets.slice(1).every((r) => (r.dh[0] !== '') === (r.id % 3 === 0))).toBe(true);
    for (const r of carrying) expect(r.dh[1]).toBe(r.dh[0]);
    expect(new Set(carrying.map((r) => r.dh[0])).size).toBe(4);
  });
});

describe('MAC keys', () => {
  const sectionsAndMac = (s: Sealed): ReceivedDataMessage => decodeDataMessage(s.bytes);
  const verifies = (key: Uint8Array, m: ReceivedDataMessage) =>
    constantTimeEqual(authenticator(key, m.authenticated), m.mac);
  const keysOf = (s: Sealed) =>
    Array.from({ length: s.message.oldMacKeys.length / 64 }, (_, n) =>
      s.message.oldMacKeys.subarray(n * 64, n * 64 + 64),
    );

  it('are revealed by the first message of the next ratchet: those of the messages received, each verifying its message', () => {
    const { alice, bob } = ratchetPair('reveal');
    const received = exchange(alice, bob, 3);
    const [first, second] = [bob.seal(text('reply')), bob.seal(text('more'))];
    const revealed = keysOf(first);
    expect(revealed).toHaveLength(3);
    received.forEach((s, n) => expect(verifies(revealed[n]!, sectionsAndMac(s))).toBe(true));
    expect(second.message.oldMacKeys).toHaveLength(0);
  });

  it('of messages received after our ratchet began wait for our next ratchet', () => {
    const { alice, bob } = ratchetPair('reveal-later');
    const [m1, m2] = [alice.seal(text('1')), alice.seal(text('2'))];
    expect(deliver(bob, m1).ok).toBe(true);
    const reply = bob.seal(text('reply'));
    expect(keysOf(reply)).toHaveLength(1);
    expect(deliver(bob, m2).ok).toBe(true);
    expect(bob.seal(text('same ratchet')).message.oldMacKeys).toHaveLength(0);
    expect(deliver(alice, reply).ok).toBe(true);
    exchange(alice, bob, 1);
    const next = keysOf(bob.seal(text('next ratchet')));
    expect(next).toHaveLength(2);
    expect(verifies(next[0]!, sectionsAndMac(m2))).toBe(true);
  });

  it('are never those of messages we sent', () => {
    const { alice, bob } = ratchetPair('reveal-ours');
    const ours = alice.seal(text('mine'));
    expect(deliver(bob, ours).ok).toBe(true);
    expect(deliver(alice, bob.seal(text('reply'))).ok).toBe(true);
    const next = alice.seal(text('next'));
    expect(keysOf(next).some((k) => verifies(k, sectionsAndMac(ours)))).toBe(false);
  });
});

describe('skipped message keys', () => {
  it('are stored for up to max_skip messages at once, and a message needing more is refused', () => {
    const { alice, bob } = ratchetPair('max-skip');
    const sent = Array.from({ length: 1002 }, (_, n) => alice.seal(text(`${n}`)));
    expect(deliver(bob, sent[1001]!)).toMatchObject({ ok: false, reason: expect.stringMatching(/max_skip/) });
    expect(bob.counters.storedKeys).toBe(0);
    expect(deliver(bob, sent[1000]!).ok).toBe(true);
    expect(bob.counters.storedKeys).toBe(1000);
    expect(deliver(bob, sent[1001]!).ok).toBe(true);
    expect(deliver(bob, sent[0]!).ok).toBe(true);
    expect(bob.counters.storedKeys).toBe(999);
  });

  it('refuse a new ratchet whose previous chain would leave more than max_skip keys', () => {
    const limits = { maxSkip: 5, maxStored: 20, maxReveal: 100 };
    const { alice, bob } = ratchetPair('max-skip-pn', { limits });
    const lost = Array.from({ length: 8 }, (_, n) => alice.seal(text(`${n}`)));
    expect(deliver(bob, lost[0]!).ok).toBe(true);
    expect(deliver(alice, bob.seal(text('reply'))).ok).toBe(true);
    const next = alice.seal(text('new ratchet'));
    expect(next.message.previousChainLength).toBe(8);
    expect(deliver(bob, next)).toMatchObject({ ok: false, reason: expect.stringMatching(/max_skip/) });
  });

  it('beyond the store bound push out the oldest, whose MAC keys are revealed', () => {
    const limits = { maxSkip: 5, maxStored: 8, maxReveal: 100 };
    const { alice, bob } = ratchetPair('max-stored', { limits });
    const sent = Array.from({ length: 12 }, (_, n) => alice.seal(text(`${n}`)));
    expect(deliver(bob, sent[5]!).ok).toBe(true);
    expect(deliver(bob, sent[11]!).ok).toBe(true);
    expect(bob.counters).toMatchObject({ storedKeys: 8, macKeysToReveal: 4 });
    expect(deliver(bob, sent[0]!)).toMatchObject({ ok: false, replay: true });
    expect(deliver(bob, sent[1]!)).toMatchObject({ ok: false, replay: true });
    expect(deliver(bob, sent[2]!).ok).toBe(true);
  });
});
