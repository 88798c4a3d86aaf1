import { numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import {
  HOSTILE_SCALARS_V4,
  hostilePointsV4,
  replaceSmpFieldV4,
  SMP_FIELDS_V4,
  smpFieldOffsetV4,
} from '../../test-support/v4-smp';
import { type CurvePoint, multiplyBase, Q } from '../crypto/ed448';
import { TLV4_EXTRA_SYMMETRIC_KEY, TLV4_SMP1, TLV4_SMP_ABORT } from '../wire/tlv';
import { decodeSmpTlv, encodeSmpTlv, isSmpTlvType, type SmpMessage, smpStepOf } from './messages';

const pt = (k: bigint): CurvePoint => multiplyBase(k);
const sc = (k: bigint): bigint => (Q - k) % Q;

const smp1 = { g2a: pt(2n), c2: sc(3n), d2: sc(4n), g3a: pt(5n), c3: sc(6n), d3: 0n };
const smp2 = {
  g2b: pt(7n),
  c2: sc(8n),
  d2: sc(9n),
  g3b: pt(10n),
  c3: sc(11n),
  d3: sc(12n),
  pb: pt(13n),
  qb: pt(14n),
  cp: sc(15n),
  d5: sc(16n),
  d6: Q - 1n,
};
const smp3 = { pa: pt(17n), qa: pt(18n), cp: sc(19n), d5: sc(20n), d6: sc(21n), ra: pt(22n), cr: sc(23n), d7: 1n };
const smp4 = { rb: pt(24n), cr: sc(25n), d7: sc(26n) };
const messages: readonly (SmpMessage & { step: 1 | 2 | 3 | 4 })[] = [
  { step: 1, msg: smp1, question: 'Où étions-nous le 1er mai ?' },
  { step: 2, msg: smp2 },
  { step: 3, msg: smp3 },
  { step: 4, msg: smp4 },
];

const scalarBytes = (s: bigint) => numberToBytesLE(s, 57);

/** Compares decoded messages by their encodings: points are objects. */
function sameMessage(a: SmpMessage, b: SmpMessage): void {
  expect(encodeSmpTlv(a)).toEqual(encodeSmpTlv(b));
  if (a.step === 1 && b.step === 1) expect(a.question).toBe(b.question);
}

describe('SMP v4 messages', () => {
  it('encodes message 1 as type 2: DATA(question), G2a, c2, d2, G3a, c3, d3', () => {
    const tlv = encodeSmpTlv({ step: 1, msg: smp1, question: 'pet?' });
    expect(tlv.type).toBe(TLV4_SMP1);
    const expected = new Uint8Array([
      ...[0, 0, 0, 4, 0x70, 0x65, 0x74, 0x3f],
      ...smp1.g2a.toBytes(),
      ...scalarBytes(smp1.c2),
      ...scalarBytes(smp1.d2),
      ...smp1.g3a.toBytes(),
      ...scalarBytes(smp1.c3),
      ...scalarBytes(smp1.d3),
    ]);
    expect(tlv.value).toEqual(expected);
  });

  it('sends no question, or an empty one, as a DATA of length 0', () => {
    const none = encodeSmpTlv({ step: 1, msg: smp1 });
    expect(none.value.subarray(0, 4)).toEqual(new Uint8Array(4));
    expect(none.value).toHaveLength(346);
    expect(encodeSmpTlv({ step: 1, msg: smp1, question: '' })).toEqual(none);
  });

  it('decodes a question of length 0 as no question', () => {
    const m = decodeSmpTlv(encodeSmpTlv({ step: 1, msg: smp1 }));
    expect(m.step === 1 && 'question' in m).toBe(false);
  });

  it('puts messages 2, 3 and 4 in TLV types 3, 4 and 5 with their fields in the spec order', () => {
    for (const m of messages.slice(1)) {
      const tlv = encodeSmpTlv(m);
      expect(tlv.type).toBe(m.step + 1);
      const fields = SMP_FIELDS_V4[m.step];
      expect(tlv.value).toHaveLength(fields.length * 57);
      const values = Object.values(m.msg) as (CurvePoint | bigint)[];
      fields.forEach(([, kind], i) => {
        const v = values[i] as CurvePoint | bigint;
        const at = smpFieldOffsetV4(m.step, tlv.value, i);
        expect(tlv.value.subarray(at, at + 57)).toEqual(
          kind === 'point' ? (v as CurvePoint).toBytes() : scalarBytes(v as bigint),
        );
      });
    }
  });

  it('round-trips all four messages', () => {
    for (const m of messages) sameMessage(decodeSmpTlv(encodeSmpTlv(m)), m);
  });

  it('encodes the abort as type 6 with an empty value and ignores what a received one carries', () => {
    expect(encodeSmpTlv({ step: 'abort' })).toEqual({ type: TLV4_SMP_ABORT, value: new Uint8Array(0) });
    expect(decodeSmpTlv({ type: TLV4_SMP_ABORT, value: Uint8Array.of(1, 2, 3) })).toEqual({ step: 'abort' });
  });

  it('shows a question that is not UTF-8 with replacement characters', () => {
    const value = encodeSmpTlv({ step: 1, msg: smp1, question: 'ab' }).value;
    value[4] = 0xff;
    const m = decodeSmpTlv({ type: TLV4_SMP1, value });
    expect(m.step === 1 && m.question).toBe('\ufffdb');
  });

  it('refuses a trailing byte after any message', () => {
    for (const m of messages) {
      const tlv = encodeSmpTlv(m);
      const value = new Uint8Array([...tlv.value, 0]);
      expect(() => decodeSmpTlv({ type: tlv.type, value })).toThrow(WireError);
    }
  });

  it('refuses every message cut short, inside each field and at its end', () => {
    for (const m of messages) {
      const tlv = encodeSmpTlv(m);
      const starts = SMP_FIELDS_V4[m.step].map((_, i) => smpFieldOffsetV4(m.step, tlv.value, i));
      for (const n of [0, 3, ...starts.map((o) => o + 1), tlv.value.length - 1])
        expect(() => decodeSmpTlv({ type: tlv.type, value: tlv.value.subarray(0, n) })).toThrow(WireError);
    }
  });

  it('refuses a question whose length runs past the message', () => {
    const value = encodeSmpTlv({ step: 1, msg: smp1 }).value;
    value.set([0, 0, 0x01, 0x5b], 0); // 347: one more than what follows
    expect(() => decodeSmpTlv({ type: TLV4_SMP1, value })).toThrow(WireError);
  });

  it('refuses, in every POINT field, each encoding the point checks refuse', () => {
    for (const m of messages) {
      const tlv = encodeSmpTlv(m);
      SMP_FIELDS_V4[m.step].forEach(([name, kind], i) => {
        if (kind !== 'point') return;
        for (const [what, bytes] of hostilePointsV4())
          expect(() => decodeSmpTlv(replaceSmpFieldV4(tlv, m.step, i, bytes)), `${name}: ${what}`).toThrow(WireError);
      });
    }
  });

  it('refuses, in every SCALAR field, a value of q or more', () => {
    for (const m of messages) {
      const tlv = encodeSmpTlv(m);
      SMP_FIELDS_V4[m.step].forEach(([name, kind], i) => {
        if (kind !== 'scalar') return;
        for (const [what, bytes] of HOSTILE_SCALARS_V4)
          expect(() => decodeSmpTlv(replaceSmpFieldV4(tlv, m.step, i, bytes)), `${name}: ${what}`).toThrow(WireError);
      });
    }
  });

  it('names the SMP types 2-6 and nothing else (7 is the extra symmetric key in v4)', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(smpStepOf)).toEqual([undefined, 1, 2, 3, 4, 'abort', undefined]);
    expect([1, 2, 6, 7].map(isSmpTlvType)).toEqual([false, true, true, false]);
    expect(() => decodeSmpTlv({ type: TLV4_EXTRA_SYMMETRIC_KEY, value: new Uint8Array(4) })).toThrow(RangeError);
  });
});
