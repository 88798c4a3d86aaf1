/**
 * The SMP TLVs (Protocol-v3, "Data Message": TLV types 2-7, and "The SMP state
 * machine" for what each carries): an INT count of MPIs, then the MPIs in the
 * order the spec lists them. SMP message 1Q (type 7) puts a NUL-terminated
 * question before the count; the abort (type 6) is empty.
 *
 * Decoding checks framing only: the TLV type, the count, every MPI's length,
 * nothing left over. Whether each value is in range is the math's business
 * (smp-steps.ts), because that is where the spec and libotr check it.
 */
import { Reader, WireError, Writer } from '../wire/codec';
import { TLV_SMP1, TLV_SMP1Q, TLV_SMP2, TLV_SMP3, TLV_SMP4, TLV_SMP_ABORT, type Tlv } from '../wire/tlv';

/** Alice's halves of g2 and g3, each with a proof that she knows its exponent. */
export interface Smp1 {
  g2a: bigint;
  c2: bigint;
  d2: bigint;
  g3a: bigint;
  c3: bigint;
  d3: bigint;
}

/** Bob's halves of g2 and g3 with proofs, and his Pb, Qb with a proof that they are well formed. */
export interface Smp2 {
  g2b: bigint;
  c2: bigint;
  d2: bigint;
  g3b: bigint;
  c3: bigint;
  d3: bigint;
  pb: bigint;
  qb: bigint;
  cp: bigint;
  d5: bigint;
  d6: bigint;
}

/** Alice's Pa, Qa with their proof, and Ra with a proof that it uses her a3. */
export interface Smp3 {
  pa: bigint;
  qa: bigint;
  cp: bigint;
  d5: bigint;
  d6: bigint;
  ra: bigint;
  cr: bigint;
  d7: bigint;
}

/** Bob's Rb with a proof that it uses his b3. */
export interface Smp4 {
  rb: bigint;
  cr: bigint;
  d7: bigint;
}

export type SmpMessage =
  | { step: 1; msg: Smp1; question?: string }
  | { step: 2; msg: Smp2 }
  | { step: 3; msg: Smp3 }
  | { step: 4; msg: Smp4 }
  | { step: 'abort' };

// The field order on the wire, per message (the spec's "in that order").
const SMP1_FIELDS = ['g2a', 'c2', 'd2', 'g3a', 'c3', 'd3'] as const;
const SMP2_FIELDS = ['g2b', 'c2', 'd2', 'g3b', 'c3', 'd3', 'pb', 'qb', 'cp', 'd5', 'd6'] as const;
const SMP3_FIELDS = ['pa', 'qa', 'cp', 'd5', 'd6', 'ra', 'cr', 'd7'] as const;
const SMP4_FIELDS = ['rb', 'cr', 'd7'] as const;

export const isSmpTlvType = (type: number): boolean => type >= TLV_SMP1 && type <= TLV_SMP1Q;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

function encodeMpis<K extends string>(fields: readonly K[], msg: Record<K, bigint>): Uint8Array {
  const w = new Writer().int(fields.length);
  for (const f of fields) w.mpi(msg[f]);
  return w.finish();
}

function decodeMpis<K extends string>(fields: readonly K[], bytes: Uint8Array, what: string): Record<K, bigint> {
  const r = new Reader(bytes);
  const count = r.int(`the MPI count of ${what}`);
  if (count !== fields.length) throw new WireError(`${what} holds ${count} MPIs instead of ${fields.length}`);
  const out = {} as Record<K, bigint>;
  for (const f of fields) out[f] = r.mpi(`${f} of ${what}`);
  r.end(what);
  return out;
}

/**
 * The TLV for one SMP message. A question must not contain NUL (it ends the
 * question on the wire); the caller checks, since it is user input.
 */
export function encodeSmpTlv(m: SmpMessage): Tlv {
  switch (m.step) {
    case 1: {
      const body = encodeMpis(SMP1_FIELDS, m.msg);
      if (m.question === undefined) return { type: TLV_SMP1, value: body };
      const q = utf8.encode(m.question);
      if (q.includes(0)) throw new RangeError('an SMP question cannot contain NUL');
      const value = new Uint8Array(q.length + 1 + body.length);
      value.set(q, 0);
      value.set(body, q.length + 1);
      return { type: TLV_SMP1Q, value };
    }
    case 2:
      return { type: TLV_SMP2, value: encodeMpis(SMP2_FIELDS, m.msg) };
    case 3:
      return { type: TLV_SMP3, value: encodeMpis(SMP3_FIELDS, m.msg) };
    case 4:
      return { type: TLV_SMP4, value: encodeMpis(SMP4_FIELDS, m.msg) };
    case 'abort':
      return { type: TLV_SMP_ABORT, value: new Uint8Array(0) };
  }
}

/** Parses one SMP TLV (types 2-7). Throws WireError on anything malformed, RangeError on another TLV type. */
export function decodeSmpTlv(t: Tlv): SmpMessage {
  switch (t.type) {
    case TLV_SMP1:
      return { step: 1, msg: decodeMpis(SMP1_FIELDS, t.value, 'SMP message 1') };
    case TLV_SMP1Q: {
      // As libotr: the question ends at the first NUL; invalid UTF-8 is replaced, not refused.
      const nul = t.value.indexOf(0);
      if (nul < 0) throw new WireError('the question of SMP message 1Q has no terminating NUL');
      const question = utf8Decoder.decode(t.value.subarray(0, nul));
      return { step: 1, question, msg: decodeMpis(SMP1_FIELDS, t.value.subarray(nul + 1), 'SMP message 1Q') };
    }
    case TLV_SMP2:
      return { step: 2, msg: decodeMpis(SMP2_FIELDS, t.value, 'SMP message 2') };
    case TLV_SMP3:
      return { step: 3, msg: decodeMpis(SMP3_FIELDS, t.value, 'SMP message 3') };
    case TLV_SMP4:
      return { step: 4, msg: decodeMpis(SMP4_FIELDS, t.value, 'SMP message 4') };
    case TLV_SMP_ABORT:
      // The spec says the abort is empty; libotr ignores what it carries, and so do we.
      return { step: 'abort' };
    default:
      throw new RangeError(`TLV type ${t.type} is not an SMP message`);
  }
}

/** The SMP step a TLV type carries, without parsing it: what the state machine checks first. */
export function smpStepOf(type: number): 1 | 2 | 3 | 4 | 'abort' | undefined {
  switch (type) {
    case TLV_SMP1:
    case TLV_SMP1Q:
      return 1;
    case TLV_SMP2:
      return 2;
    case TLV_SMP3:
      return 3;
    case TLV_SMP4:
      return 4;
    case TLV_SMP_ABORT:
      return 'abort';
    default:
      return undefined;
  }
}
