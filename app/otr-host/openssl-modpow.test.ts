import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { bigintModPow, DH_PRIME } from '../../otr';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { concealSecret } from '../keys/dsa-key-check';
import { createOpensslModPow } from './openssl-modpow';

// Counts the engines made: each one is a modulus the cache did not hold.
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof crypto>();
  return { ...real, createDiffieHellman: vi.fn(real.createDiffieHellman) };
});
const made = vi.mocked(crypto.createDiffieHellman);

const big = (bytes: number) =>
  fc.uint8Array({ minLength: 1, maxLength: bytes }).map((b) => BigInt(`0x00${Buffer.from(b).toString('hex')}`));

describe('OpenSSL-backed modPow', () => {
  const engine = createOpensslModPow();

  it('agrees with BigInt square-and-multiply mod the OTR prime', () => {
    fc.assert(
      fc.property(big(192), big(192), (b, e) => {
        expect(engine.modPow(b, e, DH_PRIME)).toBe(bigintModPow(b, e, DH_PRIME));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees mod a DSA prime with 160-bit exponents', () => {
    fc.assert(
      fc.property(big(128), big(20), (b, e) => {
        expect(engine.modPow(b, e, ALICE_KEY.p)).toBe(bigintModPow(b, e, ALICE_KEY.p));
      }),
      { numRuns: 200 },
    );
  });

  it('answers a power that is 1 (a DSA g^q), which OpenSSL refuses as a shared secret', () => {
    expect(engine.modPow(ALICE_KEY.g, ALICE_KEY.q, ALICE_KEY.p)).toBe(1n);
    expect(engine.modPow(BOB_KEY.y, BOB_KEY.q, BOB_KEY.p)).toBe(1n);
  });

  it('handles the edge values OpenSSL refuses as public keys', () => {
    for (const b of [0n, 1n, DH_PRIME - 1n, DH_PRIME, DH_PRIME + 5n]) {
      for (const e of [0n, 1n, 2n, 12345n]) expect(engine.modPow(b, e, DH_PRIME)).toBe(bigintModPow(b, e, DH_PRIME));
    }
  });
});

describe('OpenSSL-backed modPow engine cache', () => {
  const engine = createOpensslModPow();
  const enginesMadeBy = (moduli: readonly bigint[]) => {
    const before = made.mock.calls.length;
    for (const m of moduli) expect(engine.modPow(5n, 7n, m)).toBe(bigintModPow(5n, 7n, m));
    return made.mock.calls.length - before;
  };

  it('makes no engine for a peer’s modulus, however many a hostile peer brings, and keeps the OTR group and our own key', () => {
    concealSecret(BOB_KEY); // how the key store holds our own key
    enginesMadeBy([DH_PRIME, BOB_KEY.p]);
    // What a hostile peer can do: a fresh DSA modulus in each AKE.
    const fresh = Array.from({ length: 1000 }, (_, i) => DH_PRIME + 2n * BigInt(i + 1));
    expect(enginesMadeBy(fresh)).toBe(0);
    expect(enginesMadeBy([DH_PRIME, BOB_KEY.p])).toBe(0);
  });

  it('makes the engine of our own modulus once', () => {
    concealSecret(ALICE_KEY);
    enginesMadeBy([ALICE_KEY.p]);
    expect(enginesMadeBy([ALICE_KEY.p, ALICE_KEY.p])).toBe(0);
  });
});
