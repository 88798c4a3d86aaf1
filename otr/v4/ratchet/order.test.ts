import { describe, expect, it } from 'vitest';
import { deliver, ratchetPair, text, untext } from '../../test-support/v4-ratchet-pair';
import type { Opened, Sealed } from './ratchet';

const plain = (o: Opened) => (o.ok ? untext(o.plaintext) : undefined);

describe('messages out of order', () => {
  it('open in any order within a ratchet, each once', () => {
    const { alice, bob } = ratchetPair('reverse');
    const sent = Array.from({ length: 6 }, (_, n) => alice.seal(text(`m${n}`)));
    for (const n of [5, 2, 0, 4, 1, 3]) expect(plain(deliver(bob, sent[n]!))).toBe(`m${n}`);
    expect(bob.counters.storedKeys).toBe(0);
  });

  it('open after later ratchets have begun, from the keys stored when the ratchet changed', () => {
    const { alice, bob } = ratchetPair('across');
    const early = [alice.seal(text('a0')), alice.seal(text('a1')), alice.seal(text('a2'))];
    expect(deliver(bob, early[1]!).ok).toBe(true);
    expect(deliver(alice, bob.seal(text('b'))).ok).toBe(true);
    const later = alice.seal(text('a-next'));
    expect(later.message.previousChainLength).toBe(3);
    expect(plain(deliver(bob, later))).toBe('a-next');
    expect(bob.counters.storedKeys).toBe(2);
    expect(plain(deliver(bob, early[2]!))).toBe('a2');
    expect(plain(deliver(bob, early[0]!))).toBe('a0');
    expect(bob.counters.storedKeys).toBe(0);
  });

  it('open when the first message of a new ratchet is lost, whether or not it brought a new DH key', () => {
    const { alice, bob } = ratchetPair('lost-first');
    for (let round = 0; round < 4; round++) {
      const [from, to] = round % 2 === 0 ? [bob, alice] : [alice, bob];
      const [lost, kept] = [from.seal(text('lost')), from.seal(text(`kept ${round}`))];
      void lost;
      expect(plain(deliver(to, kept))).toBe(`kept ${round}`);
    }
  });
});

describe('a duplicate', () => {
  function refusedAsReplay(o: Opened): void {
    expect(o).toMatchObject({ ok: false, replay: true });
  }

  it('of a message of the current ratchet is refused', () => {
    const { alice, bob } = ratchetPair('dup-current');
    const m = alice.seal(text('once'));
    expect(deliver(bob, m).ok).toBe(true);
    refusedAsReplay(deliver(bob, m));
  });

  it('of a message opened with a stored key is refused', () => {
    const { alice, bob } = ratchetPair('dup-stored');
    const [m0, m1] = [alice.seal(text('0')), alice.seal(text('1'))];
    expect(deliver(bob, m1).ok).toBe(true);
    expect(deliver(bob, m0).ok).toBe(true);
    refusedAsReplay(deliver(bob, m0));
  });

  it('of a message of a past ratchet is refused', () => {
    const { alice, bob } = ratchetPair('dup-past');
    const m: Sealed = alice.seal(text('old'));
    expect(deliver(bob, m).ok).toBe(true);
    expect(deliver(alice, bob.seal(text('b'))).ok).toBe(true);
    expect(deliver(bob, alice.seal(text('new ratchet'))).ok).toBe(true);
    refusedAsReplay(deliver(bob, m));
  });

  it('of the message that started a ratchet is refused, and changes nothing', () => {
    const { alice, bob } = ratchetPair('dup-start');
    const start = bob.seal(text('start'));
    expect(deliver(alice, start).ok).toBe(true);
    const before = alice.counters;
    refusedAsReplay(deliver(alice, start));
    expect(alice.counters).toEqual(before);
  });
});
