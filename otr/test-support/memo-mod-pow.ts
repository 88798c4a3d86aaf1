/**
 * A ModPow that remembers its answers. Replaying a seeded session asks for the
 * same exponentiations every time until something makes it diverge, so a
 * fuzzer that replays one session hundreds of times pays for each only once.
 * Tests only: a cache of secret exponents is no place for real keys.
 */
import { bigintModPowEngine, type ModPow } from '../crypto/env';

export function memoModPow(
  inner: ModPow = bigintModPowEngine,
  maxEntries = 20_000,
): ModPow & { hits: number; misses: number } {
  const cache = new Map<string, bigint>();
  const memo = {
    hits: 0,
    misses: 0,
    modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
      const key = `${base.toString(36)}^${exponent.toString(36)}%${modulus.toString(36)}`;
      const known = cache.get(key);
      if (known !== undefined) {
        memo.hits++;
        return known;
      }
      memo.misses++;
      const value = inner.modPow(base, exponent, modulus);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, value);
      return value;
    },
  };
  return memo;
}
