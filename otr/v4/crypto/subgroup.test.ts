import { ed448 } from '@noble/curves/ed448.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/fixtures';
import { hostilePointsV4 } from '../../test-support/v4-smp';
import { randomScalar } from './ed448';
import { isInPrimeOrderSubgroup, SUBGROUP_PREMISES } from './subgroup';

const Point = ed448.Point;
const FIELD_P = Point.Fp.ORDER;
const T4 = Point.fromAffine({ x: 1n, y: 0n });
const T2 = Point.fromAffine({ x: 0n, y: FIELD_P - 1n });
/** The four cosets of the subgroup: E(F_p) = <T4> x (the subgroup of order q). */
const TORSION = [Point.ZERO, T4, T2, T4.add(T2)];

describe('Ed448 subgroup check by halving', () => {
  it('rests on p = 3 mod 4 and d, 1 - d non-squares', () => {
    expect(SUBGROUP_PREMISES).toEqual({ pIs3Mod4: true, dIsNonSquare: true, oneMinusDIsNonSquare: true });
  });

  it('agrees with q * X = I in each coset, for points of the subgroup and of every torsion component', () => {
    const random = seededRandom('subgroup');
    for (let n = 0; n < 48; n++) {
      const point = Point.BASE.multiply(randomScalar(random)).add(TORSION[n % 4]!);
      expect(isInPrimeOrderSubgroup(point)).toBe(point.isTorsionFree());
      expect(isInPrimeOrderSubgroup(point)).toBe(n % 4 === 0);
    }
  });

  it('refuses the small-order points themselves and accepts the identity and the base point', () => {
    for (const t of TORSION.slice(1)) expect(isInPrimeOrderSubgroup(t)).toBe(false);
    expect(isInPrimeOrderSubgroup(Point.ZERO)).toBe(true);
    expect(isInPrimeOrderSubgroup(Point.BASE)).toBe(true);
    expect(isInPrimeOrderSubgroup(Point.BASE.negate())).toBe(true);
  });

  it('agrees with q * X = I on the hostile points that decode', () => {
    for (const [, bytes] of hostilePointsV4()) {
      let point;
      try {
        point = Point.fromBytes(bytes);
      } catch {
        continue;
      }
      expect(isInPrimeOrderSubgroup(point)).toBe(point.isTorsionFree());
    }
  });
});
