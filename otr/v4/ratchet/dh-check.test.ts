import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigintModPow } from '../../crypto/bigint';
import { bigintModPowEngine } from '../../crypto/env';
import { seededRandom } from '../../test-support/fixtures';
import { DH3072_PRIME, generateDH, isInDhGroup } from '../crypto/dh3072';
import { isInBraceGroup, jacobi } from './dh-check';

describe('the DH group check by the Legendre symbol', () => {
  it("gives Euler's criterion for small odd primes: (a | p) = a^((p-1)/2) mod p", () => {
    for (const p of [3n, 5n, 7n, 11n, 13n, 101n, 65537n]) {
      for (let a = 0n; a < 40n; a++) {
        const euler = bigintModPow(a, (p - 1n) / 2n, p);
        expect(jacobi(a, p), `(${a} | ${p})`).toBe(euler === 0n ? 0 : euler === 1n ? 1 : -1);
      }
    }
  });

  it('gives the Jacobi symbol of composites as the product over their factors', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 6n }), (a) => {
        expect(jacobi(a, 15n * 7n) === jacobi(a, 3n) * jacobi(a, 5n) * jacobi(a, 7n)).toBe(true);
      }),
      { seed: 3, numRuns: 300 },
    );
    expect(() => jacobi(3n, 10n)).toThrow(RangeError);
  });

  it("agrees with the spec's x^q mod p = 1 on public DH values, their negations and the range ends", () => {
    const random = seededRandom('dh-check');
    const values = [2n, 3n, 4n, DH3072_PRIME - 2n, DH3072_PRIME - 3n];
    for (let n = 0; n < 3; n++) {
      const pub = generateDH(random, bigintModPowEngine).public;
      values.push(pub, DH3072_PRIME - pub, (pub * 5n) % DH3072_PRIME);
    }
    for (const x of values) expect(isInBraceGroup(x)).toBe(isInDhGroup(x, bigintModPowEngine));
    expect(values.some((x) => !isInBraceGroup(x))).toBe(true);
  });

  it('refuses 0, 1, p - 1 and values past p, as the range check does', () => {
    for (const x of [0n, 1n, DH3072_PRIME - 1n, DH3072_PRIME, DH3072_PRIME + 4n]) expect(isInBraceGroup(x)).toBe(false);
  });
});
