/**
 * Whether a point of Ed448 lies in the subgroup of order q ("Verifying that a point is
 * on the curve", step 3: q * X = I), decided by halving instead of the multiplication
 * by q: three Legendre symbols and one square root, about a quarter of the cost of
 * q * X with noble's arithmetic (DECISIONS D32 has the derivation).
 *
 * E(F_p) is cyclic of order 4q (its only point of order 2 is T = (0, -1)), so the
 * subgroup of order q is 4E. For P = (x, y) with x != 0 (P is neither I nor T):
 * - P is in 2E exactly when D = (1 - d)(1 - d y^2) is a square. The halves Q of P
 *   have y_Q^2 = t, a root of d w t^2 - 2 N t + w = 0 with w = y + 1, N = d y + 1,
 *   whose discriminant is 4D; the roots multiply to 1/d, a non-square, so exactly one
 *   is a square, and then x_Q^2 is one too (D32), so a half exists in E(F_p).
 * - P is in 4E exactly when that half is in 2E: (1 - d)(1 - d t) is a square.
 * With t = M / (d w), M = N +- sqrt(D), and (1 - d | p) = (d | p) = (-1 | p) = -1:
 * (t | p) = -(M w | p) and ((1 - d)(1 - d t) | p) = -((w - M) w | p).
 * Every input is public (a point from the wire), so value-dependent timing is harmless.
 */
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { ed448 } from '@noble/curves/ed448.js';
import { jacobi } from './legendre';

const Fp = ed448.Point.Fp;
const P = Fp.ORDER;
const D = ed448.Point.CURVE().d;
const ONE_MINUS_D = Fp.sub(1n, D);

const isSquare = (a: bigint): boolean => jacobi(a, P) === 1;

/** q * X = I for a point on the curve, by halving twice (see above); the identity is in the subgroup. */
export function isInPrimeOrderSubgroup(point: EdwardsPoint): boolean {
  if (point.is0()) return true;
  const { x, y } = point.toAffine();
  // T = (0, -1), of order 2.
  if (x === 0n) return false;
  const delta = Fp.mul(ONE_MINUS_D, Fp.sub(1n, Fp.mul(D, Fp.sqr(y))));
  if (!isSquare(delta)) return false;
  const root = Fp.sqrt(delta);
  const w = Fp.add(y, 1n);
  const n = Fp.add(Fp.mul(D, y), 1n);
  let m = Fp.add(n, root);
  // The square root of the two: (t | p) = -(M w | p).
  if (isSquare(Fp.mul(m, w))) m = Fp.sub(n, root);
  return !isSquare(Fp.mul(Fp.sub(w, m), w));
}

/** The constants the derivation relies on; subgroup.test.ts checks them. */
export const SUBGROUP_PREMISES = {
  pIs3Mod4: P % 4n === 3n,
  dIsNonSquare: jacobi(D, P) === -1,
  oneMinusDIsNonSquare: jacobi(ONE_MINUS_D, P) === -1,
};
