import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigintModPow } from '../../otr/crypto/bigint';
import { DH_PRIME } from '../../otr/crypto/dh-group';
import { ALICE_KEY } from '../../otr/test-support/fixtures';
import { createOpensslModPow } from './openssl-modpow';

const big = (bytes: number) => fc.uint8Array({ minLength: 1, maxLength: bytes }).map((b) => BigInt(`0x00${Buffer.from(b).toString('hex')}`));

describe('OpenSSL-backed modPow', () => {
  const engine = createOpensslModPow();

  it('agrees with BigInt square-and-multiply mod the OTR prime', () => {
    fc.assert(fc.property(big(192), big(192), (b, e) => {
        expect(engine.modPow(b, e, DH_PRIME)).toBe(bigintModPow(b, e, DH_PRIME));
      }), { numRuns: 200 });
  });

  it('agrees mod a DSA prime with 160-bit exponents', () => {
    fc.assert(fc.property(big(128), big(20), (b, e) => {
        expect(engine.modPow(b, e, ALICE_KEY.p)).toBe(bigintModPow(b, e, ALICE_KEY.p));
      }), { numRuns: 200 });
  });

  it('handles the edge values OpenSSL refuses as public keys', () => {
    for (const b of [0n, 1n, DH_PRIME - 1n, DH_PRIME, DH_PRIME + 5n]) {
      for (const e of [0n, 1n, 2n, 12345n]) expect(engine.modPow(b, e, DH_PRIME)).toBe(bigintModPow(b, e, DH_PRIME));
    }
  });
});
