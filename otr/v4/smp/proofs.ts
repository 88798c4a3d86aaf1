/**
 * The three zero-knowledge proofs of the SMP on Ed448 ("SMP Overview", "SMP
 * Message 1" to "SMP Message 4" for making them, "The SMP State Machine" for
 * checking them), each made by one side and checked by the other:
 *
 * - knowing a with X = G * a: c = HashToScalar(i || G * r), d = r - a * c;
 *   checked as c == HashToScalar(i || G * d + X * c);
 * - P = G3 * r and Q = G * r + G2 * s use the same r: c = HashToScalar(i || G3 * r5
 *   || G * r5 + G2 * r6), d5 = r5 - r * c, d6 = r6 - s * c; checked as c ==
 *   HashToScalar(i || G3 * d5 + P * c || G * d5 + G2 * d6 + Q * c);
 * - R = Qab * x3 uses the x3 of G3o = G * x3: c = HashToScalar(i || G * r7 || Qab
 *   * r7), d7 = r7 - x3 * c; checked as c == HashToScalar(i || G * d7 + G3o * c ||
 *   Qab * d7 + R * c).
 *
 * "SMP Hash Function": HashToScalar(i || v), i being 1..8, the place of the proof in
 * the protocol, so neither side can replay the other's proofs. i takes the usage
 * ID's place in HashToScalar (DECISIONS.md, SMP); points are hashed as POINTs.
 *
 * Secret scalars (the r's, a's, b's, the secret) go through noble's constant-time
 * `multiply`; checking a proof uses only public scalars (c and d from the wire), so
 * it uses noble's faster variable-time multi-scalar multiplication.
 */
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { ed448 } from '@noble/curves/ed448.js';
import { constantTimeEqual } from '../../bytes';
import type { Random } from '../../crypto/env';
import { type CurvePoint, encodeScalar, G, hashToScalar, multiplyBase, Q, randomScalar } from '../crypto/ed448';

/** HashToScalar(i || v) with v the points' POINT encodings, one after another. */
export function smpHash(i: number, ...points: readonly EdwardsPoint[]): bigint {
  return hashToScalar(i, ...points.map((p) => p.toBytes()));
}

/** (r - a * c) mod q: every d of the spec. */
export const response = (r: bigint, a: bigint, c: bigint): bigint => (((r - a * c) % Q) + Q) % Q;

/** Compares a c from the wire with the recomputed hash, on their encodings, with no early exit. */
const sameScalar = (a: bigint, b: bigint): boolean => constantTimeEqual(encodeScalar(a), encodeScalar(b));

/** Σ scalars[i] * points[i] for public scalars in [0, q). */
const combine = (points: EdwardsPoint[], scalars: bigint[]): EdwardsPoint => mulAddUnsafe(ed448.Point, points, scalars);

export interface KnowLog {
  c: bigint;
  d: bigint;
}

export function proveKnowLog(random: Random, i: number, a: bigint): KnowLog {
  const r = randomScalar(random);
  const c = smpHash(i, multiplyBase(r));
  return { c, d: response(r, a, c) };
}

export function checkKnowLog(i: number, proof: KnowLog, x: CurvePoint): boolean {
  return sameScalar(proof.c, smpHash(i, combine([G, x], [proof.d, proof.c])));
}

export interface Coords {
  c: bigint;
  d5: bigint;
  d6: bigint;
}

/** The proof for P = G3 * r and Q = G * r + G2 * secret. */
export function proveCoords(
  random: Random,
  i: number,
  g2: CurvePoint,
  g3: CurvePoint,
  r: bigint,
  secret: bigint,
): Coords {
  const r5 = randomScalar(random);
  const r6 = randomScalar(random);
  const c = smpHash(i, g3.multiply(r5), multiplyBase(r5).add(g2.multiply(r6)));
  return { c, d5: response(r5, r, c), d6: response(r6, secret, c) };
}

export function checkCoords(
  i: number,
  proof: Coords,
  p: CurvePoint,
  q: CurvePoint,
  g2: CurvePoint,
  g3: CurvePoint,
): boolean {
  const { c, d5, d6 } = proof;
  const first = combine([g3, p], [d5, c]);
  const second = combine([G, g2, q], [d5, d6, c]);
  return sameScalar(c, smpHash(i, first, second));
}

/** The proof for R = Qab * x3, with G3o = G * x3 the sender's half of G3. */
export function proveLogs(random: Random, i: number, qab: EdwardsPoint, x3: bigint): KnowLog {
  const r7 = randomScalar(random);
  const c = smpHash(i, multiplyBase(r7), qab.multiply(r7));
  return { c, d: response(r7, x3, c) };
}

export function checkLogs(i: number, proof: KnowLog, r: CurvePoint, qab: EdwardsPoint, g3o: CurvePoint): boolean {
  const { c, d } = proof;
  return sameScalar(c, smpHash(i, combine([G, g3o], [d, c]), combine([qab, r], [d, c])));
}
