/**
 * The Jacobi symbol, for the Legendre symbols (a | p) of the subgroup checks: the DH
 * group's (ratchet/dh-check.ts, DECISIONS D31) and Ed448's (subgroup.ts, D32). Its
 * inputs there are public values, so timing that depends on them reveals nothing.
 */

/** The Jacobi symbol (a | n) for an odd n > 0: 1, -1, or 0 when they share a factor. */
export function jacobi(a: bigint, n: bigint): number {
  if (n <= 0n || (n & 1n) === 0n) throw new RangeError('the Jacobi symbol needs an odd positive modulus');
  a %= n;
  if (a < 0n) a += n;
  let t = 1;
  while (a !== 0n) {
    let twos = 0;
    while ((a & 0xffffffffn) === 0n) {
      a >>= 32n;
      twos += 32;
    }
    while ((a & 1n) === 0n) {
      a >>= 1n;
      twos += 1;
    }
    // (2 | n) = -1 exactly when n = 3 or 5 mod 8.
    const n8 = n & 7n;
    if (twos & 1 && (n8 === 3n || n8 === 5n)) t = -t;
    // Reciprocity: swapping flips the sign when both are 3 mod 4.
    if ((a & 3n) === 3n && (n & 3n) === 3n) t = -t;
    [a, n] = [n % a, a];
  }
  return n === 1n ? t : 0;
}
