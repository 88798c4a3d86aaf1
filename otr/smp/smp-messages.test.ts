import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Writer, WireError } from '../wire/codec';
import { TLV_SMP1, TLV_SMP1Q, TLV_SMP2, TLV_SMP3, TLV_SMP4, TLV_SMP_ABORT, type Tlv } from '../wire/tlv';
import { decodeSmpTlv, encodeSmpTlv, isSmpTlvType, smpStepOf, type Smp1, type SmpMessage } from './smp-messages';

const SMP1: Smp1 = { g2a: 2n, c2: 3n, d2: 0x1234n, g3a: 5n, c3: 0n, d3: 1n << 1600n };
const mpis = (...values: bigint[]) => {
  const w = new Writer().int(values.length);
  for (const v of values) w.mpi(v);
  return w.finish();
};

/** Decoding that must fail: only WireError, with a message naming the problem. */
function rejects(t: Tlv, pattern: RegExp): void {
  let error: unknown;
  try {
    decodeSmpTlv(t);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WireError);
  expect((error as Error).message).toMatch(pattern);
}

describe('SMP TLV encoding', () => {
  it('writes message 1 as the MPI count then the MPIs in the spec’s order', () => {
    expect(encodeSmpTlv({ step: 1, msg: SMP1 })).toEqual({
      type: TLV_SMP1,
      value: mpis(2n, 3n, 0x1234n, 5n, 0n, 1n << 1600n),
    });
  });

  it('writes message 1Q as the UTF-8 question, a NUL, then message 1', () => {
    const t = encodeSmpTlv({ step: 1, msg: SMP1, question: 'où?' });
    expect(t.type).toBe(TLV_SMP1Q);
    expect(t.value.subarray(0, 5)).toEqual(Uint8Array.of(0x6f, 0xc3, 0xb9, 0x3f, 0));
    expect(t.value.subarray(5)).toEqual(mpis(2n, 3n, 0x1234n, 5n, 0n, 1n << 1600n));
  });

  it('writes messages 2, 3, 4 and the empty abort', () => {
    const two = encodeSmpTlv({
      step: 2,
      msg: { g2b: 1n, c2: 2n, d2: 3n, g3b: 4n, c3: 5n, d3: 6n, pb: 7n, qb: 8n, cp: 9n, d5: 10n, d6: 11n },
    });
    expect(two).toEqual({ type: TLV_SMP2, value: mpis(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n) });
    const three = encodeSmpTlv({ step: 3, msg: { pa: 1n, qa: 2n, cp: 3n, d5: 4n, d6: 5n, ra: 6n, cr: 7n, d7: 8n } });
    expect(three).toEqual({ type: TLV_SMP3, value: mpis(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n) });
    expect(encodeSmpTlv({ step: 4, msg: { rb: 1n, cr: 2n, d7: 3n } })).toEqual({
      type: TLV_SMP4,
      value: mpis(1n, 2n, 3n),
    });
    expect(encodeSmpTlv({ step: 'abort' })).toEqual({ type: TLV_SMP_ABORT, value: new Uint8Array(0) });
  });

  it('refuses a question with a NUL in it (the NUL ends the question on the wire)', () => {
    expect(() => encodeSmpTlv({ step: 1, msg: SMP1, question: 'a\0b' })).toThrow(RangeError);
  });

  it('names the step of each TLV type, and nothing for the others', () => {
    expect([2, 3, 4, 5, 6, 7].map(smpStepOf)).toEqual([1, 2, 3, 4, 'abort', 1]);
    expect([0, 1, 8, 9, 0x7fff].map(smpStepOf)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([1, 2, 7, 8].map(isSmpTlvType)).toEqual([false, true, true, false]);
  });
});

describe('SMP TLV decoding', () => {
  it('reads back every message it writes', () => {
    const messages: SmpMessage[] = [
      { step: 1, msg: SMP1 },
      { step: 1, msg: SMP1, question: '' },
      { step: 1, msg: SMP1, question: 'Where did we meet? ✓' },
      { step: 4, msg: { rb: 9n, cr: 8n, d7: 7n } },
      { step: 'abort' },
    ];
    for (const m of messages) expect(decodeSmpTlv(encodeSmpTlv(m))).toEqual(m);
  });

  it('refuses the wrong number of MPIs, naming both counts', () => {
    rejects({ type: TLV_SMP1, value: mpis(1n, 2n, 3n, 4n, 5n) }, /holds 5 MPIs instead of 6/);
    rejects({ type: TLV_SMP1, value: mpis(1n, 2n, 3n, 4n, 5n, 6n, 7n) }, /holds 7 MPIs instead of 6/);
    rejects({ type: TLV_SMP2, value: mpis(1n) }, /holds 1 MPIs instead of 11/);
    rejects({ type: TLV_SMP4, value: mpis() }, /holds 0 MPIs instead of 3/);
  });

  it('refuses truncated values, an empty value and trailing bytes', () => {
    const full = encodeSmpTlv({ step: 4, msg: { rb: 1n << 1000n, cr: 2n, d7: 3n } }).value;
    rejects({ type: TLV_SMP4, value: full.subarray(0, full.length - 1) }, /truncated/);
    rejects({ type: TLV_SMP4, value: full.subarray(0, 6) }, /truncated/);
    rejects({ type: TLV_SMP4, value: new Uint8Array(0) }, /truncated in the MPI count/);
    rejects({ type: TLV_SMP4, value: Uint8Array.of(...full, 0) }, /1 unexpected trailing bytes/);
  });

  it('refuses a 1Q whose question has no NUL, or a NUL with no message after it', () => {
    rejects({ type: TLV_SMP1Q, value: new TextEncoder().encode('no terminator') }, /no terminating NUL/);
    rejects({ type: TLV_SMP1Q, value: Uint8Array.of(0x41, 0) }, /truncated/);
    rejects({ type: TLV_SMP1Q, value: new Uint8Array(0) }, /no terminating NUL/);
  });

  it('replaces invalid UTF-8 in a question rather than refusing the message', () => {
    const body = encodeSmpTlv({ step: 1, msg: SMP1 }).value;
    const m = decodeSmpTlv({ type: TLV_SMP1Q, value: Uint8Array.of(0xff, 0x41, 0, ...body) });
    expect(m).toEqual({ step: 1, msg: SMP1, question: '\ufffdA' });
  });

  it('takes an abort with a body as an abort, as libotr does', () => {
    expect(decodeSmpTlv({ type: TLV_SMP_ABORT, value: Uint8Array.of(1, 2, 3) })).toEqual({ step: 'abort' });
  });
});

describe('SMP TLV parsers (properties)', () => {
  const mpi = fc.bigInt({ min: 0n, max: (1n << 1600n) - 1n });
  const smp1 = fc.record({ g2a: mpi, c2: mpi, d2: mpi, g3a: mpi, c3: mpi, d3: mpi });
  const smp2 = fc.record({
    g2b: mpi,
    c2: mpi,
    d2: mpi,
    g3b: mpi,
    c3: mpi,
    d3: mpi,
    pb: mpi,
    qb: mpi,
    cp: mpi,
    d5: mpi,
    d6: mpi,
  });
  const smp3 = fc.record({ pa: mpi, qa: mpi, cp: mpi, d5: mpi, d6: mpi, ra: mpi, cr: mpi, d7: mpi });
  const smp4 = fc.record({ rb: mpi, cr: mpi, d7: mpi });
  const question = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((q) => !q.includes('\0'));
  const message: fc.Arbitrary<SmpMessage> = fc.oneof(
    fc.record({ step: fc.constant(1 as const), msg: smp1 }),
    fc.record({ step: fc.constant(1 as const), msg: smp1, question }),
    fc.record({ step: fc.constant(2 as const), msg: smp2 }),
    fc.record({ step: fc.constant(3 as const), msg: smp3 }),
    fc.record({ step: fc.constant(4 as const), msg: smp4 }),
    fc.constant({ step: 'abort' as const }),
  );

  it('decode(encode(m)) is m for every message', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeSmpTlv(encodeSmpTlv(m))).toEqual(m);
      }),
    );
  });

  it('arbitrary bytes under any SMP type decode or fail with WireError, nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.uint8Array({ maxLength: 600 }), (type, value) => {
        try {
          decodeSmpTlv({ type, value });
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every strict prefix of an encoded message (other than the abort) fails with WireError', () => {
    fc.assert(
      fc.property(
        message.filter((m) => m.step !== 'abort'),
        fc.nat(),
        (m, cut) => {
          const t = encodeSmpTlv(m);
          const prefix = t.value.subarray(0, cut % t.value.length);
          expect(() => decodeSmpTlv({ type: t.type, value: prefix })).toThrow(WireError);
        },
      ),
    );
  });

  it('every message with one byte appended fails with WireError (no trailing garbage accepted)', () => {
    fc.assert(
      fc.property(
        message.filter((m) => m.step !== 'abort'),
        fc.integer({ min: 0, max: 255 }),
        (m, extra) => {
          const t = encodeSmpTlv(m);
          expect(() => decodeSmpTlv({ type: t.type, value: Uint8Array.of(...t.value, extra) })).toThrow(WireError);
        },
      ),
    );
  });
});
