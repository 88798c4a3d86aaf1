/**
 * The computations of the SMP, one function per step (Protocol-v3, "The SMP
 * state machine": receiving SMP messages 1 to 4 and beginning the SMP; the
 * math of "Socialist Millionaires' Protocol"). Alice begins; Bob answers.
 *
 * Each receiving step first checks every value from the wire as libotr does
 * (group elements in [2, p-2], D values in [1, q-1], and hashes no longer than
 * a hash), then every proof, and only then computes anything with them. A
 * failed check is a reason string, never an exception: the state machine turns
 * it into an abort and a 'cheated' event.
 */
import { modInverse } from '../crypto/bigint';
import type { OtrEnv } from '../crypto/env';
import type { Smp1, Smp2, Smp3, Smp4 } from './smp-messages';
import {
  isExponent,
  isGroupElement,
  isHashSized,
  mulMod,
  P,
  sameElement,
  SmpArithmetic,
  type Derived,
} from './smp-group';
import { checkCoords, checkKnowLog, checkLogs, proveCoords, proveKnowLog, proveLogs } from './smp-proofs';

/** What Alice keeps after SMP message 1: her secret and the exponents of g2a, g3a. */
export interface AliceAfter1 {
  x: bigint;
  a2: bigint;
  a3: bigint;
}

/** What Bob keeps after SMP message 2. */
export interface BobAfter2 {
  g2: Derived;
  g3: Derived;
  g3a: bigint;
  b3: bigint;
  pb: bigint;
  qb: bigint;
}

/** What Alice keeps after SMP message 3. */
export interface AliceAfter3 {
  a3: bigint;
  g3b: bigint;
  pa: bigint;
  pb: bigint;
  qab: bigint;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

type Named = readonly (readonly [string, bigint])[];

/** The first value out of its range, named, or undefined when all are fine. */
function outOfRange(groups: Named, exponents: Named, hashes: Named): string | undefined {
  for (const [name, v] of groups) if (!isGroupElement(v)) return `${name} is not a valid group element`;
  for (const [name, v] of exponents) if (!isExponent(v)) return `${name} is not a valid exponent`;
  for (const [name, v] of hashes) if (!isHashSized(v)) return `${name} is longer than a hash`;
  return undefined;
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Alice begins: g2a = g1^a2, g3a = g1^a3, with proofs (hash versions 1 and 2). */
export function smpStep1(env: OtrEnv, x: bigint): { msg: Smp1; state: AliceAfter1 } {
  const ar = new SmpArithmetic(env);
  const a2 = ar.random();
  const a3 = ar.random();
  const p2 = proveKnowLog(ar, 1, a2);
  const p3 = proveKnowLog(ar, 2, a3);
  return { msg: { g2a: ar.g(a2), c2: p2.c, d2: p2.d, g3a: ar.g(a3), c3: p3.c, d3: p3.d }, state: { x, a2, a3 } };
}

/** Bob checks SMP message 1 as soon as it arrives, before asking his user for the secret. */
export function checkSmp1(env: OtrEnv, m: Smp1): string | undefined {
  const bad = outOfRange(
    [
      ['g2a', m.g2a],
      ['g3a', m.g3a],
    ],
    [
      ['D2', m.d2],
      ['D3', m.d3],
    ],
    [
      ['c2', m.c2],
      ['c3', m.c3],
    ],
  );
  if (bad) return bad;
  const ar = new SmpArithmetic(env);
  if (!checkKnowLog(ar, 1, m.c2, m.d2, m.g2a)) return 'the proof for g2a does not verify';
  if (!checkKnowLog(ar, 2, m.c3, m.d3, m.g3a)) return 'the proof for g3a does not verify';
  return undefined;
}

/** Bob answers a checked SMP message 1 with his secret y. */
export function smpStep2(env: OtrEnv, m: Smp1, y: bigint): { msg: Smp2; state: BobAfter2 } {
  const ar = new SmpArithmetic(env);
  const b2 = ar.random();
  const b3 = ar.random();
  const p2 = proveKnowLog(ar, 3, b2);
  const p3 = proveKnowLog(ar, 4, b3);
  const g2 = { base: m.g2a, exp: b2 };
  const g3 = { base: m.g3a, exp: b3 };
  const r4 = ar.random();
  const pb = ar.derived(g3, r4);
  const qb = mulMod(ar.g(r4), ar.derived(g2, y));
  const pq = proveCoords(ar, 5, g2, g3, r4, y);
  return {
    msg: {
      g2b: ar.g(b2),
      c2: p2.c,
      d2: p2.d,
      g3b: ar.g(b3),
      c3: p3.c,
      d3: p3.d,
      pb,
      qb,
      cp: pq.c,
      d5: pq.d5,
      d6: pq.d6,
    },
    state: { g2, g3, g3a: m.g3a, b3, pb, qb },
  };
}

/** Alice checks SMP message 2 and answers with Pa, Qa, Ra. */
export function smpStep3(env: OtrEnv, s: AliceAfter1, m: Smp2): Checked<{ msg: Smp3; state: AliceAfter3 }> {
  const bad = outOfRange(
    [
      ['g2b', m.g2b],
      ['g3b', m.g3b],
      ['Pb', m.pb],
      ['Qb', m.qb],
    ],
    [
      ['D2', m.d2],
      ['D3', m.d3],
      ['D5', m.d5],
      ['D6', m.d6],
    ],
    [
      ['c2', m.c2],
      ['c3', m.c3],
      ['cP', m.cp],
    ],
  );
  if (bad) return fail(bad);
  const ar = new SmpArithmetic(env);
  if (!checkKnowLog(ar, 3, m.c2, m.d2, m.g2b)) return fail('the proof for g2b does not verify');
  if (!checkKnowLog(ar, 4, m.c3, m.d3, m.g3b)) return fail('the proof for g3b does not verify');
  const g2 = { base: m.g2b, exp: s.a2 };
  const g3 = { base: m.g3b, exp: s.a3 };
  if (!checkCoords(ar, 5, { c: m.cp, d5: m.d5, d6: m.d6 }, m.pb, m.qb, g2, g3))
    return fail('the proof for Pb and Qb does not verify');
  const r4 = ar.random();
  const pa = ar.derived(g3, r4);
  const qa = mulMod(ar.g(r4), ar.derived(g2, s.x));
  const pq = proveCoords(ar, 6, g2, g3, r4, s.x);
  const qab = mulMod(qa, modInverse(m.qb, P));
  const ra = ar.pow(qab, s.a3);
  const rp = proveLogs(ar, 7, qab, s.a3);
  return {
    ok: true,
    value: {
      msg: { pa, qa, cp: pq.c, d5: pq.d5, d6: pq.d6, ra, cr: rp.c, d7: rp.d },
      state: { a3: s.a3, g3b: m.g3b, pa, pb: m.pb, qab },
    },
  };
}

/** Bob checks SMP message 3, answers with Rb and learns the result. */
export function smpStep4(env: OtrEnv, s: BobAfter2, m: Smp3): Checked<{ msg: Smp4; success: boolean }> {
  const bad = outOfRange(
    [
      ['Pa', m.pa],
      ['Qa', m.qa],
      ['Ra', m.ra],
    ],
    [
      ['D5', m.d5],
      ['D6', m.d6],
      ['D7', m.d7],
    ],
    [
      ['cP', m.cp],
      ['cR', m.cr],
    ],
  );
  if (bad) return fail(bad);
  const ar = new SmpArithmetic(env);
  if (!checkCoords(ar, 6, { c: m.cp, d5: m.d5, d6: m.d6 }, m.pa, m.qa, s.g2, s.g3))
    return fail('the proof for Pa and Qa does not verify');
  const qab = mulMod(m.qa, modInverse(s.qb, P));
  if (!checkLogs(ar, 7, m.cr, m.d7, m.ra, qab, s.g3a)) return fail('the proof for Ra does not verify');
  const rb = ar.pow(qab, s.b3);
  const rp = proveLogs(ar, 8, qab, s.b3);
  // Rab == Pa/Pb, tested as Rab·Pb == Pa: no inversion needed.
  const success = sameElement(mulMod(ar.pow(m.ra, s.b3), s.pb), m.pa);
  return { ok: true, value: { msg: { rb, cr: rp.c, d7: rp.d }, success } };
}

/** Alice checks SMP message 4 and learns the result. */
export function smpStep5(env: OtrEnv, s: AliceAfter3, m: Smp4): Checked<{ success: boolean }> {
  const bad = outOfRange([['Rb', m.rb]], [['D7', m.d7]], [['cR', m.cr]]);
  if (bad) return fail(bad);
  const ar = new SmpArithmetic(env);
  if (!checkLogs(ar, 8, m.cr, m.d7, m.rb, s.qab, s.g3b)) return fail('the proof for Rb does not verify');
  return { ok: true, value: { success: sameElement(mulMod(ar.pow(m.rb, s.a3), s.pb), s.pa) } };
}
