import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/fixtures';
import { FragmentBudget, parseFragment } from '../../wire/fragments';
import {
  DEFAULT_V4_REASSEMBLY_LIMITS,
  fragmentV4Message,
  newFragmentIdentifier,
  parseV4Fragment,
  V4_FRAGMENT_OVERHEAD,
  V4FragmentReassembler,
  type V4Fragment,
  type V4ReassemblyLimits,
} from './fragments';

const ALICE = 0x5a73a599;
const BOB = 0x27e31597;
const message = (n: number) => `?OTR:${'AAQD'.repeat(n)}.`;
const parsed = (raw: string[]) => raw.map((f) => parseV4Fragment(f) as V4Fragment);
const limits = (over: Partial<V4ReassemblyLimits> = {}): V4ReassemblyLimits => ({
  ...DEFAULT_V4_REASSEMBLY_LIMITS,
  ...over,
});

describe('v4 fragments', () => {
  it("are formatted as the spec's example: identifier, sender and receiver in hex, index and total in five digits", () => {
    const out = fragmentV4Message(message(40), 100, 0x3c5b5f03, ALICE, BOB); // 166 characters, 55 a piece
    expect(out[0]).toMatch(/^\?OTR\|3c5b5f03\|5a73a599\|27e31597,00001,00004,\?OTR:AAQD/);
    expect(out.every((f) => f.length <= 100 && f.endsWith(','))).toBe(true);
    expect(out.map((f) => parseV4Fragment(f)?.piece).join('')).toBe(message(40));
    expect(fragmentV4Message(message(2), 100, 1, ALICE, BOB)).toEqual([message(2)]);
    expect(() => fragmentV4Message(message(40), V4_FRAGMENT_OVERHEAD, 1, ALICE, BOB)).toThrow(RangeError);
  });

  it("parse the spec's example, with leading zeros, and are not mistaken for OTRv3 fragments (nor these for them)", () => {
    const f = parseV4Fragment('?OTR|3c5b5f03|5a73a599|27e31597,00001,00003,?OTR:AAMDJ+MV,');
    expect(f).toEqual({
      identifier: 0x3c5b5f03,
      senderTag: ALICE,
      receiverTag: BOB,
      index: 1,
      total: 3,
      piece: '?OTR:AAMDJ+MV',
    });
    expect(parseV4Fragment('?OTR|00003c5b5f03|5a73a599|27e31597,1,3,x,')?.identifier).toBe(0x3c5b5f03);
    expect(parseV4Fragment('?OTR|5a73a599|27e31597,00001,00003,piece,')).toBeUndefined();
    expect(parseFragment('?OTR|3c5b5f03|5a73a599|27e31597,00001,00003,piece,')).toBeUndefined();
    expect(parseV4Fragment('?OTR|1|2|3,1,65536,x,')).toBeUndefined();
    expect(parseV4Fragment('?OTR|100000000|2|3,1,2,x,')).toBeUndefined();
    expect(parseV4Fragment('?OTR|1|2|3,1,2,,')).toBeUndefined();
  });

  it('get a random 4-byte identifier', () => {
    const random = seededRandom('fragment-id');
    const ids = Array.from({ length: 20 }, () => newFragmentIdentifier(random));
    expect(new Set(ids).size).toBe(20);
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffffffff)).toBe(true);
  });
});

describe('v4 reassembly', () => {
  it('rebuilds a message from its fragments in any order, even mixed with another message of the same sender', () => {
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 60 }), fc.integer({ min: 46, max: 64 }), fc.nat(), (n, max, seed) => {
        const a = parsed(fragmentV4Message(message(n), max, 1, ALICE, BOB));
        const b = parsed(fragmentV4Message(message(n + 3), max, 2, ALICE, BOB));
        const all = fc.sample(fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const r = new V4FragmentReassembler();
        const complete = all.map((f) => r.add(f, 0)).filter((x) => x.status === 'complete');
        expect(complete.map((x) => x.status === 'complete' && x.message).sort()).toEqual(
          [message(n), message(n + 3)].sort(),
        );
        expect(r.heldChars).toBe(0);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('refuses illegal fragments, a piece twice, and a fragment whose total disagrees (dropping its message)', () => {
    const r = new V4FragmentReassembler();
    const f = (index: number, total: number, piece = 'x'): V4Fragment => ({
      identifier: 9,
      senderTag: ALICE,
      receiverTag: BOB,
      index,
      total,
      piece,
    });
    for (const bad of [f(0, 2), f(1, 0), f(3, 2)])
      expect(r.add(bad, 0)).toMatchObject({ status: 'discarded', reason: /illegal/ });
    expect(r.add(f(2, 3, 'b'), 0).status).toBe('incomplete');
    expect(r.add(f(2, 3, 'B'), 0)).toMatchObject({ status: 'discarded', reason: /twice/ });
    expect(r.add(f(1, 4, 'a'), 0)).toMatchObject({ status: 'discarded', reason: /disagree/ });
    expect(r.partialCount).toBe(0);
  });

  it('drops a message over the size cap, including one whose total alone exceeds it', () => {
    const r = new V4FragmentReassembler(limits({ maxMessageChars: 10 }));
    const f = (index: number, total: number, piece: string): V4Fragment => ({
      identifier: 1,
      senderTag: ALICE,
      receiverTag: BOB,
      index,
      total,
      piece,
    });
    expect(r.add(f(1, 11, 'a'), 0)).toMatchObject({ status: 'discarded', reason: /over 10/ });
    expect(r.add(f(1, 2, 'aaaaaa'), 0).status).toBe('incomplete');
    expect(r.add(f(2, 2, 'bbbbb'), 0)).toMatchObject({ status: 'discarded', reason: /over 10/ });
    expect(r.heldChars).toBe(0);
  });

  it('keeps at most maxPartialsPerSender partial messages per sender and maxSenders senders, the least recent going first', () => {
    const r = new V4FragmentReassembler(limits({ maxPartialsPerSender: 2, maxSenders: 2 }));
    const f = (sender: number, identifier: number): V4Fragment => ({
      identifier,
      senderTag: sender,
      receiverTag: BOB,
      index: 1,
      total: 2,
      piece: 'x',
    });
    r.add(f(ALICE, 1), 0);
    r.add(f(ALICE, 2), 0);
    r.add(f(ALICE, 3), 0);
    expect(r.partialCount).toBe(2);
    expect(r.add({ ...f(ALICE, 1), index: 2 }, 0).status).toBe('incomplete');
    r.add(f(0x1111, 1), 0);
    r.add(f(0x2222, 1), 0);
    expect(r.partialCount).toBe(2);
    expect(r.add({ ...f(0x1111, 1), index: 2 }, 0).status).toBe('complete');
  });

  it('drops partial messages idle longer than maxAgeMs', () => {
    const r = new V4FragmentReassembler(limits({ maxAgeMs: 1000 }));
    const [first, second] = parsed(fragmentV4Message(message(30), 80, 5, ALICE, BOB));
    r.add(first!, 0);
    r.expire(1001);
    expect(r.heldChars).toBe(0);
    expect(r.add(second!, 1002).status).toBe('incomplete');
  });

  it('shares the FragmentBudget with every reassembler, v3 or v4, and gives it back', () => {
    const budget = new FragmentBudget(100);
    const [a, b] = [new V4FragmentReassembler(undefined, budget), new V4FragmentReassembler(undefined, budget)];
    const f = (piece: string): V4Fragment => ({
      identifier: 1,
      senderTag: ALICE,
      receiverTag: BOB,
      index: 1,
      total: 2,
      piece,
    });
    expect(a.add(f('x'.repeat(80)), 0).status).toBe('incomplete');
    expect(b.add(f('y'.repeat(30)), 0)).toMatchObject({ status: 'discarded', reason: /already waiting/ });
    expect(budget.held).toBe(80);
    expect(a.add({ ...f('z'), index: 2 }, 0).status).toBe('complete');
    expect(budget.held).toBe(0);
    a.add(f('x'), 0);
    a.clear();
    expect(budget.held).toBe(0);
  });
});
