/**
 * The computations of the SMP on Ed448, one function per step: Alice begins
 * ("SMP Message 1"), Bob answers ("SMP Message 2", "SMP Message 4"), Alice
 * continues ("SMP Message 3") and ends; "The SMP State Machine" says what each
 * side checks on receipt, in which order.
 *
 * Every point from the wire was checked while decoding (messages.ts). Each point
 * computed here that the spec asks to "Check ... on curve Ed448" goes through
 * checkPoint as well, even where it follows from checked inputs (G2 = G2a * b2),
 * because the spec asks it. A failed check or proof is a reason string, never an
 * exception: the state machine turns it into an abort and a 'cheated' event.
 *
 * The two results are compared as encodings in constant time: Rab == Pa - Pb is
 * the answer to "are the secrets equal", and nothing about how it differs should leak.
 */
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { constantTimeEqual } from '../../bytes';
import type { Random } from '../../crypto/env';
import { checkPoint, type CurvePoint, Ed448Error, multiplyBase, randomScalar } from '../crypto/ed448';
import type { Smp1, Smp2, Smp3, Smp4 } from './messages';
import { checkCoords, checkKnowLog, checkLogs, proveCoords, proveKnowLog, proveLogs } from './proofs';

/** What Alice keeps after SMP message 1 ("Store the values of x, a2 and a3"). */
export interface AliceAfter1 {
  x: bigint;
  a2: bigint;
  a3: bigint;
}

/** What Bob keeps after SMP message 2 ("Store the values of G3a, G2, G3, b3, Pb and Qb"). */
export interface BobAfter2 {
  g3a: CurvePoint;
  g2: CurvePoint;
  g3: CurvePoint;
  b3: bigint;
  pb: CurvePoint;
  qb: CurvePoint;
}

/** What Alice keeps after SMP message 3 ("Store the values of G3b, Pa - Pb, Qa - Qb and a3"). */
export interface AliceAfter3 {
  g3b: CurvePoint;
  paMinusPb: EdwardsPoint;
  qab: EdwardsPoint;
  a3: bigint;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A refused value or proof inside a step; `attempt` turns it into a reason. */
class Refused extends Error {}

function refuse(reason: string): never {
  throw new Refused(reason);
}

function attempt<T>(step: () => T): Checked<T> {
  try {
    return { ok: true, value: step() };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

/** "Check that <name> is on curve Ed448" for a computed point. */
function computed(name: string, p: EdwardsPoint): CurvePoint {
  try {
    return checkPoint(p);
  } catch (e) {
    if (e instanceof Ed448Error) refuse(`the computed ${name} is invalid: ${e.message}`);
    throw e;
  }
}

/** The same constant-time equality for both sides' final test. */
const samePoint = (a: EdwardsPoint, b: EdwardsPoint): boolean => constantTimeEqual(a.toBytes(), b.toBytes());

/** Alice begins with her secret x: G2a = G * a2, G3a = G * a3, with proofs 1 and 2. */
export function smpStep1(random: Random, x: bigint): { msg: Smp1; state: AliceAfter1 } {
  const a2 = randomScalar(random);
  const a3 = randomScalar(random);
  const p2 = proveKnowLog(random, 1, a2);
  const p3 = proveKnowLog(random, 2, a3);
  const msg = { g2a: multiplyBase(a2), c2: p2.c, d2: p2.d, g3a: multiplyBase(a3), c3: p3.c, d3: p3.d };
  return { msg, state: { x, a2, a3 } };
}

/** Bob checks Alice's proofs as soon as message 1 arrives, before asking his user for the secret. */
export function checkSmp1(m: Smp1): string | undefined {
  if (!checkKnowLog(1, { c: m.c2, d: m.d2 }, m.g2a)) return 'the proof for G2a does not verify';
  if (!checkKnowLog(2, { c: m.c3, d: m.d3 }, m.g3a)) return 'the proof for G3a does not verify';
  return undefined;
}

/** Bob answers a checked message 1 with his secret y. */
export function smpStep2(random: Random, m: Smp1, y: bigint): Checked<{ msg: Smp2; state: BobAfter2 }> {
  return attempt(() => {
    const b2 = randomScalar(random);
    const b3 = randomScalar(random);
    const p2 = proveKnowLog(random, 3, b2);
    const p3 = proveKnowLog(random, 4, b3);
    const g2 = computed('G2', m.g2a.multiply(b2));
    const g3 = computed('G3', m.g3a.multiply(b3));
    const r4 = randomScalar(random);
    const pb = computed('Pb', g3.multiply(r4));
    const qb = computed('Qb', multiplyBase(r4).add(g2.multiply(y)));
    const pq = proveCoords(random, 5, g2, g3, r4, y);
    const msg = {
      g2b: multiplyBase(b2),
      c2: p2.c,
      d2: p2.d,
      g3b: multiplyBase(b3),
      c3: p3.c,
      d3: p3.d,
      pb,
      qb,
      cp: pq.c,
      d5: pq.d5,
      d6: pq.d6,
    };
    return { msg, state: { g3a: m.g3a, g2, g3, b3, pb, qb } };
  });
}

/** Alice checks message 2 and answers with Pa, Qa, Ra. */
export function smpStep3(random: Random, s: AliceAfter1, m: Smp2): Checked<{ msg: Smp3; state: AliceAfter3 }> {
  return attempt(() => {
    if (!checkKnowLog(3, { c: m.c2, d: m.d2 }, m.g2b)) refuse('the proof for G2b does not verify');
    if (!checkKnowLog(4, { c: m.c3, d: m.d3 }, m.g3b)) refuse('the proof for G3b does not verify');
    const g2 = computed('G2', m.g2b.multiply(s.a2));
    const g3 = computed('G3', m.g3b.multiply(s.a3));
    if (!checkCoords(5, { c: m.cp, d5: m.d5, d6: m.d6 }, m.pb, m.qb, g2, g3))
      refuse('the proof for Pb and Qb does not verify');
    const r4 = randomScalar(random);
    const pa = computed('Pa', g3.multiply(r4));
    const qa = computed('Qa', multiplyBase(r4).add(g2.multiply(s.x)));
    const pq = proveCoords(random, 6, g2, g3, r4, s.x);
    const qab = qa.subtract(m.qb);
    const ra = computed('Ra', qab.multiply(s.a3));
    const rp = proveLogs(random, 7, qab, s.a3);
    return {
      msg: { pa, qa, cp: pq.c, d5: pq.d5, d6: pq.d6, ra, cr: rp.c, d7: rp.d },
      state: { g3b: m.g3b, paMinusPb: pa.subtract(m.pb), qab, a3: s.a3 },
    };
  });
}

/** Bob checks message 3, answers with Rb and learns the result. */
export function smpStep4(random: Random, s: BobAfter2, m: Smp3): Checked<{ msg: Smp4; success: boolean }> {
  return attempt(() => {
    if (!checkCoords(6, { c: m.cp, d5: m.d5, d6: m.d6 }, m.pa, m.qa, s.g2, s.g3))
      refuse('the proof for Pa and Qa does not verify');
    const qab = m.qa.subtract(s.qb);
    if (!checkLogs(7, { c: m.cr, d: m.d7 }, m.ra, qab, s.g3a)) refuse('the proof for Ra does not verify');
    const rb = computed('Rb', qab.multiply(s.b3));
    const rp = proveLogs(random, 8, qab, s.b3);
    const success = samePoint(m.ra.multiply(s.b3), m.pa.subtract(s.pb));
    return { msg: { rb, cr: rp.c, d7: rp.d }, success };
  });
}

/** Alice checks message 4 and learns the result. */
export function smpStep5(s: AliceAfter3, m: Smp4): Checked<{ success: boolean }> {
  return attempt(() => {
    if (!checkLogs(8, { c: m.cr, d: m.d7 }, m.rb, s.qab, s.g3b)) refuse('the proof for Rb does not verify');
    return { success: samePoint(m.rb.multiply(s.a3), s.paMinusPb) };
  });
}
