import { describe, expect, it } from 'vitest';
import { deliver, ratchetPair, text, untext } from '../../test-support/v4-ratchet-pair';
import { encodePlaintext, TLV4_DISCONNECTED, TLV4_EXTRA_SYMMETRIC_KEY } from '../wire/tlv';
import { decodeDataMessage } from '../wire/data-message';

const opened = (r: ReturnType<typeof deliver>) => (r.ok ? untext(r.plaintext) : `refused: ${r.reason}`);

describe('a pair of ratchets after the DAKE', () => {
  it("carries Alice's first messages to Bob on the chain both derived from the DAKE", () => {
    const { alice, bob } = ratchetPair('first');
    expect(opened(deliver(bob, alice.seal(text('hello bob'))))).toBe('hello bob');
    expect(opened(deliver(bob, alice.seal(text('again'))))).toBe('again');
  });

  it("carries Bob's first messages to Alice before she has sent anything", () => {
    const { alice, bob } = ratchetPair('bob-first');
    expect(opened(deliver(alice, bob.seal(text('hello alice'))))).toBe('hello alice');
    expect(opened(deliver(alice, bob.seal(text('and more'))))).toBe('and more');
  });

  it('exchanges messages both ways over several ratchets', () => {
    const { alice, bob } = ratchetPair('both-ways');
    for (let round = 0; round < 4; round++) {
      expect(opened(deliver(bob, alice.seal(text(`a${round}`))))).toBe(`a${round}`);
      expect(opened(deliver(bob, alice.seal(text(`a${round}'`))))).toBe(`a${round}'`);
      expect(opened(deliver(alice, bob.seal(text(`b${round}`))))).toBe(`b${round}`);
    }
  });

  it('numbers ratchets as the spec does: Alice and Bob both start at ratchet id 0, then i alternates', () => {
    const { alice, bob } = ratchetPair('ids');
    const ids: number[] = [];
    const send = (from: typeof alice, to: typeof bob) => {
      const sealed = from.seal(text('x'));
      ids.push(sealed.message.ratchetId);
      expect(deliver(to, sealed).ok).toBe(true);
    };
    send(alice, bob);
    send(bob, alice);
    send(alice, bob);
    send(bob, alice);
    send(alice, bob);
    expect(ids).toEqual([0, 0, 1, 2, 3]);
    expect(alice.counters).toMatchObject({ i: 4, j: 1, maxRemoteISeen: 2 });
  });

  it('counts messages per ratchet (j) and tells the previous chain length (pn)', () => {
    const { alice, bob } = ratchetPair('pn');
    const first = [alice.seal(text('1')), alice.seal(text('2')), alice.seal(text('3'))];
    expect(first.map((s) => s.message.messageId)).toEqual([0, 1, 2]);
    expect(deliver(bob, first[0]!).ok).toBe(true);
    expect(deliver(alice, bob.seal(text('reply'))).ok).toBe(true);
    const next = alice.seal(text('4'));
    expect(next.message).toMatchObject({ messageId: 0, previousChainLength: 3, ratchetId: 1 });
  });

  it('derives the same extra symmetric key on both sides, only for a plaintext with a type 7 TLV', () => {
    const { alice, bob } = ratchetPair('extra');
    const plain = alice.seal(text('no tlv'));
    expect(plain.extraKey).toBeUndefined();
    const got = deliver(bob, plain);
    expect(got.ok && got.extraKey).toBeUndefined();
    const withTlv = alice.seal(
      encodePlaintext('', [{ type: TLV4_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(0, 0, 0, 1) }]),
    );
    expect(withTlv.extraKey).toHaveLength(64);
    const received = deliver(bob, withTlv);
    expect(received.ok && received.extraKey).toEqual(withTlv.extraKey);
  });

  it('gives a skipped message its extra symmetric key too', () => {
    const { alice, bob } = ratchetPair('extra-skipped');
    const late = alice.seal(encodePlaintext('', [{ type: TLV4_EXTRA_SYMMETRIC_KEY, value: new Uint8Array(4) }]));
    expect(deliver(bob, alice.seal(text('overtakes'))).ok).toBe(true);
    const received = deliver(bob, late);
    expect(received.ok && received.extraKey).toEqual(late.extraKey);
  });

  it('ends with a message that reveals every waiting MAC key, then refuses to seal or open', () => {
    const { alice, bob } = ratchetPair('end');
    const lost = alice.seal(text('never arrives'));
    void lost;
    expect(deliver(bob, alice.seal(text('arrives'))).ok).toBe(true);
    expect(bob.counters.storedKeys).toBe(1);
    const last = bob.end(encodePlaintext('', [{ type: TLV4_DISCONNECTED, value: new Uint8Array(0) }]));
    // The MAC key of the message received, and that of the stored key of the one that never came.
    expect(last.message.oldMacKeys).toHaveLength(128);
    expect(deliver(alice, last).ok).toBe(true);
    expect(bob.ended).toBe(true);
    expect(bob.counters).toMatchObject({ i: 0, j: 0, k: 0, storedKeys: 0, macKeysToReveal: 0 });
    expect(() => bob.seal(text('after the end'))).toThrow(/ended/);
    expect(deliver(bob, alice.seal(text('too late')))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ended/),
    });
  });

  it('refuses a message addressed to another instance', () => {
    const { alice, bob } = ratchetPair('tags');
    const sealed = alice.seal(text('x'));
    const bytes = sealed.bytes.slice();
    bytes[10] = (bytes[10] as number) ^ 1; // the receiver tag's last byte
    const m = decodeDataMessage(bytes);
    expect(bob.open(m)).toMatchObject({ ok: false, reason: expect.stringMatching(/instance tags/) });
  });
});
