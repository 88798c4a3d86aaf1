import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import {
  hostilePointsV4,
  replaceSmpFieldV4,
  runSmpV4,
  SMP_FIELDS_V4,
  smpFieldOffsetV4,
  type SmpRunV4,
} from '../../test-support/v4-smp';
import { multiplyBase, Q } from '../crypto/ed448';
import { TLV4_SMP_ABORT, type Tlv } from '../wire/tlv';

type Step = 1 | 2 | 3 | 4;
const STEPS: readonly Step[] = [1, 2, 3, 4];
/** Messages 1 and 3 go to Bob, 2 and 4 to Alice. */
const receiverOf = (step: Step, run: SmpRunV4) => (step % 2 === 1 ? run.bob : run.alice);
const senderOf = (step: Step, run: SmpRunV4) => (step % 2 === 1 ? run.alice : run.bob);

/** A whole SMP with equal secrets, where message `step` is rewritten on the way. */
function runWith(step: Step, rewrite: (t: Tlv) => Tlv): SmpRunV4 {
  return runSmpV4('secret', 'secret', {
    question: 'Q?',
    seed: `tamper-${step}`,
    inFlight: (t) => (t.type === step + 1 ? rewrite(t) : t),
  });
}

/** The receiver saw cheating and sent the abort; no false result anywhere. */
function caught(step: Step, run: SmpRunV4, reason: RegExp): void {
  const receiver = receiverOf(step, run);
  const sender = senderOf(step, run);
  expect(receiver.events.at(-1)).toMatchObject({ kind: 'cheated', reason: expect.stringMatching(reason) });
  expect(receiver.sent.at(-1)).toEqual({ type: TLV4_SMP_ABORT, value: new Uint8Array(0) });
  expect(receiver.events.map((e) => e.kind)).not.toContain('succeeded');
  expect(receiver.events.map((e) => e.kind)).not.toContain('failed');
  // Bob learns his result while he makes message 4: only that one is his to keep.
  const senderResults = sender.events.filter((e) => e.kind === 'succeeded' || e.kind === 'failed');
  expect(senderResults).toHaveLength(step === 4 ? 1 : 0);
  if (step !== 4) expect(sender.events.at(-1)).toEqual({ kind: 'aborted', by: 'peer' });
}

const plusOne = (bytes: Uint8Array): Uint8Array => numberToBytesLE((bytesToNumberLE(bytes) + 1n) % Q, 57);
const OTHER_POINT = multiplyBase(424242n).toBytes();

describe('an SMP v4 message with one field changed on the way', () => {
  for (const step of STEPS) {
    SMP_FIELDS_V4[step].forEach(([name, kind], i) => {
      const change = kind === 'point' ? 'replaced by another valid point' : 'plus one';
      it(`message ${step}, ${name} ${change}: the receiver reports cheating and aborts`, () => {
        const run = runWith(step, (t) => {
          const at = smpFieldOffsetV4(step, t.value, i);
          const bytes = kind === 'point' ? OTHER_POINT : plusOne(t.value.subarray(at, at + 57));
          return replaceSmpFieldV4(t, step, i, bytes);
        });
        caught(step, run, /does not verify/);
      });
    });
  }
});

describe('an SMP v4 message with a point that fails the point checks', () => {
  const [what, bytes] = hostilePointsV4()[3] as readonly [string, Uint8Array];
  for (const step of STEPS) {
    it(`message ${step} with ${what} in its first point: the receiver reports cheating and aborts`, () => {
      caught(
        step,
        runWith(step, (t) => replaceSmpFieldV4(t, step, 0, bytes)),
        /subgroup/,
      );
    });
  }
});

describe('SMP v4 proofs are bound to their place', () => {
  it("Alice's own proofs sent back to her as Bob's G2b and G3b do not verify", () => {
    let msg1: Tlv | undefined;
    const run = runSmpV4('secret', 'secret', {
      seed: 'reflect',
      inFlight: (t) => {
        if (t.type === 2) msg1 = t;
        if (t.type !== 3 || !msg1) return t;
        // Message 1's G2a, c2, d2, G3a, c3, d3 over message 2's first six fields.
        const from = msg1.value.subarray(4, 4 + 6 * 57);
        const value = t.value.slice();
        value.set(from, 0);
        return { type: t.type, value };
      },
    });
    caught(2, run, /the proof for G2b does not verify/);
  });

  it('a message 1 with the question removed still verifies: the question is not part of the proofs', () => {
    const run = runWith(1, (t) => {
      const skip = 4 + new DataView(t.value.buffer, t.value.byteOffset).getUint32(0);
      return { type: t.type, value: new Uint8Array([0, 0, 0, 0, ...t.value.subarray(skip)]) };
    });
    expect(run.bob.events[0]).toEqual({ kind: 'asked-for-secret', percent: 25 });
    expect(run.bob.events.at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
  });
});
