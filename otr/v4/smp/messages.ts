/**
 * The SMP TLVs of OTRv4 ("TLV Record Types": 2-5 carry SMP messages 1-4, 6 the
 * abort; "SMP Message 1" to "SMP Message 4" for the fields). Every value is a POINT
 * or a SCALAR in the order the spec lists it; message 1 begins with the question as
 * DATA, empty when there is none (OTRv3's message 1Q is gone: "SMP in OTRv4 uses all
 * of the TLV Record Types as OTRv3, except for SMP Message 1Q").
 *
 * Decoding makes every check a value can have on its own: each POINT passes
 * "Verifying that a point is on the curve" (V4Reader.point), each SCALAR lies in
 * [0, q) (DECISIONS D3), nothing is left over. The proofs are steps.ts's business.
 */
import type { CurvePoint } from '../crypto/ed448';
import { V4Reader, V4Writer } from '../wire/codec';
import { TLV4_SMP1, TLV4_SMP2, TLV4_SMP3, TLV4_SMP4, TLV4_SMP_ABORT, type Tlv } from '../wire/tlv';

/** Alice's halves of G2 and G3, each with a proof that she knows its scalar. */
export interface Smp1 {
  g2a: CurvePoint;
  c2: bigint;
  d2: bigint;
  g3a: CurvePoint;
  c3: bigint;
  d3: bigint;
}

/** Bob's halves of G2 and G3 with proofs, and his Pb, Qb with a proof that they are well formed. */
export interface Smp2 {
  g2b: CurvePoint;
  c2: bigint;
  d2: bigint;
  g3b: CurvePoint;
  c3: bigint;
  d3: bigint;
  pb: CurvePoint;
  qb: CurvePoint;
  cp: bigint;
  d5: bigint;
  d6: bigint;
}

/** Alice's Pa, Qa with their proof, and Ra with a proof that it uses her a3. */
export interface Smp3 {
  pa: CurvePoint;
  qa: CurvePoint;
  cp: bigint;
  d5: bigint;
  d6: bigint;
  ra: CurvePoint;
  cr: bigint;
  d7: bigint;
}

/** Bob's Rb with a proof that it uses his b3. */
export interface Smp4 {
  rb: CurvePoint;
  cr: bigint;
  d7: bigint;
}

/** An SMP TLV's content. `question` is absent when message 1 carries an empty one. */
export type SmpMessage =
  | { step: 1; msg: Smp1; question?: string }
  | { step: 2; msg: Smp2 }
  | { step: 3; msg: Smp3 }
  | { step: 4; msg: Smp4 }
  | { step: 'abort' };

export const isSmpTlvType = (type: number): boolean => type >= TLV4_SMP1 && type <= TLV4_SMP_ABORT;

const utf8 = new TextEncoder();
// Not fatal: the question is only shown, never computed with (see DECISIONS.md, SMP).
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** The TLV for one SMP message. The question travels as UTF-8; an empty one is "no question". */
export function encodeSmpTlv(m: SmpMessage): Tlv {
  const w = new V4Writer();
  switch (m.step) {
    case 1: {
      const { g2a, c2, d2, g3a, c3, d3 } = m.msg;
      w.data(utf8.encode(m.question ?? ''));
      w.point(g2a).scalar(c2).scalar(d2).point(g3a).scalar(c3).scalar(d3);
      return { type: TLV4_SMP1, value: w.finish() };
    }
    case 2: {
      const { g2b, c2, d2, g3b, c3, d3, pb, qb, cp, d5, d6 } = m.msg;
      w.point(g2b).scalar(c2).scalar(d2).point(g3b).scalar(c3).scalar(d3);
      w.point(pb).point(qb).scalar(cp).scalar(d5).scalar(d6);
      return { type: TLV4_SMP2, value: w.finish() };
    }
    case 3: {
      const { pa, qa, cp, d5, d6, ra, cr, d7 } = m.msg;
      w.point(pa).point(qa).scalar(cp).scalar(d5).scalar(d6).point(ra).scalar(cr).scalar(d7);
      return { type: TLV4_SMP3, value: w.finish() };
    }
    case 4: {
      const { rb, cr, d7 } = m.msg;
      return { type: TLV4_SMP4, value: w.point(rb).scalar(cr).scalar(d7).finish() };
    }
    case 'abort':
      return { type: TLV4_SMP_ABORT, value: new Uint8Array(0) };
  }
}

function decode1(r: V4Reader): SmpMessage {
  const q = r.data('the question of SMP message 1');
  const msg: Smp1 = {
    g2a: r.point('G2a'),
    c2: r.scalar('c2'),
    d2: r.scalar('d2'),
    g3a: r.point('G3a'),
    c3: r.scalar('c3'),
    d3: r.scalar('d3'),
  };
  r.end('SMP message 1');
  return q.length === 0 ? { step: 1, msg } : { step: 1, msg, question: utf8Decoder.decode(q) };
}

function decode2(r: V4Reader): SmpMessage {
  const msg: Smp2 = {
    g2b: r.point('G2b'),
    c2: r.scalar('c2'),
    d2: r.scalar('d2'),
    g3b: r.point('G3b'),
    c3: r.scalar('c3'),
    d3: r.scalar('d3'),
    pb: r.point('Pb'),
    qb: r.point('Qb'),
    cp: r.scalar('cp'),
    d5: r.scalar('d5'),
    d6: r.scalar('d6'),
  };
  r.end('SMP message 2');
  return { step: 2, msg };
}

function decode3(r: V4Reader): SmpMessage {
  const msg: Smp3 = {
    pa: r.point('Pa'),
    qa: r.point('Qa'),
    cp: r.scalar('cp'),
    d5: r.scalar('d5'),
    d6: r.scalar('d6'),
    ra: r.point('Ra'),
    cr: r.scalar('cr'),
    d7: r.scalar('d7'),
  };
  r.end('SMP message 3');
  return { step: 3, msg };
}

function decode4(r: V4Reader): SmpMessage {
  const msg: Smp4 = { rb: r.point('Rb'), cr: r.scalar('cr'), d7: r.scalar('d7') };
  r.end('SMP message 4');
  return { step: 4, msg };
}

/**
 * Parses one SMP TLV (types 2-6). Throws WireError on anything malformed or any
 * value that fails its check; RangeError on a TLV type that is not SMP's.
 */
export function decodeSmpTlv(t: Tlv): SmpMessage {
  const r = new V4Reader(t.value);
  switch (t.type) {
    case TLV4_SMP1:
      return decode1(r);
    case TLV4_SMP2:
      return decode2(r);
    case TLV4_SMP3:
      return decode3(r);
    case TLV4_SMP4:
      return decode4(r);
    case TLV4_SMP_ABORT:
      // "The associated length should be zero": should, so what it carries is ignored.
      return { step: 'abort' };
    default:
      throw new RangeError(`TLV type ${t.type} is not an OTRv4 SMP message`);
  }
}

/** The SMP step a TLV type carries, without parsing it: what the state machine checks first. */
export function smpStepOf(type: number): 1 | 2 | 3 | 4 | 'abort' | undefined {
  switch (type) {
    case TLV4_SMP1:
      return 1;
    case TLV4_SMP2:
      return 2;
    case TLV4_SMP3:
      return 3;
    case TLV4_SMP4:
      return 4;
    case TLV4_SMP_ABORT:
      return 'abort';
    default:
      return undefined;
  }
}
