import { describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import { HOSTILE_KEYS, LARGE_Q_KEY } from '../test-support/hostile-keys';
import { Reader, WireError } from '../wire/codec';
import { bigintModPowEngine, type ModPow } from './env';
import {
  dsaSign,
  dsaVerify,
  encodePublicKey,
  encodeSignature,
  peerPublicKeyProblem,
  publicKeyOf,
  readPublicKey,
  readSignature,
} from './dsa';

const math = bigintModPowEngine;
const M = new Uint8Array(32).fill(7);
/** A ModPow that counts its calls and the largest modulus it was given. */
function countingMath(): ModPow & { calls: number; maxModulusBits: number } {
  const c = {
    calls: 0,
    maxModulusBits: 0,
    modPow(b: bigint, e: bigint, m: bigint) {
      c.calls++;
      c.maxModulusBits = Math.max(c.maxModulusBits, m.toString(2).length);
      return math.modPow(b, e, m);
    },
  };
  return c;
}

describe('peerPublicKeyProblem', () => {
  it.each([
    ['alice (1024/160)', ALICE_KEY],
    ['bob (1024/160)', BOB_KEY],
    ['a 2048/256 key', LARGE_Q_KEY],
  ])('accepts a valid key: %s', (_, key) => {
    expect(peerPublicKeyProblem(publicKeyOf(key), math)).toBeUndefined();
  });

  it.each(HOSTILE_KEYS.map((h) => [h.what, h] as const))('refuses a key with %s', (_, h) => {
    expect(peerPublicKeyProblem(h.key, math)).toMatch(h.reason);
  });

  it('refuses an oversized p on its size, before any exponentiation', () => {
    const counted = countingMath();
    const key = { ...publicKeyOf(ALICE_KEY), p: (ALICE_KEY.p << 2056n) + 1n };
    expect(peerPublicKeyProblem(key, counted)).toBe('a DSA p of 3080 bits');
    expect(counted.calls).toBe(0);
  });

  it('costs two exponentiations by q, modulo p, for a valid key', () => {
    const counted = countingMath();
    peerPublicKeyProblem(publicKeyOf(LARGE_Q_KEY), counted);
    expect(counted.calls).toBe(2);
    expect(counted.maxModulusBits).toBe(2048);
  });
});

describe('reading a public key from the wire', () => {
  it('reads back what encodePublicKey wrote', () => {
    const key = publicKeyOf(LARGE_Q_KEY);
    expect(readPublicKey(new Reader(encodePublicKey(key)))).toEqual(key);
  });

  it.each([
    ['p', { p: (ALICE_KEY.p << 2056n) + 1n }],
    ['q', { q: ALICE_KEY.q << 104n }],
    ['g', { g: (ALICE_KEY.p << 2056n) + 1n }],
    ['y', { y: (ALICE_KEY.p << 2056n) + 1n }],
  ])('refuses an MPI for %s longer than any acceptable key has, without converting it', (name, change) => {
    const bytes = encodePublicKey({ ...publicKeyOf(ALICE_KEY), ...change });
    expect(() => readPublicKey(new Reader(bytes))).toThrow(new WireError(`DSA ${name} is too long`));
  });
});

describe('DSA signatures of a peer', () => {
  const key = publicKeyOf(ALICE_KEY);
  const good = dsaSign(ALICE_KEY, M, testEnv('dsa-sig').random, math);

  it('verifies a genuine signature', () => {
    expect(dsaVerify(key, M, good, math)).toBe(true);
  });

  it.each([
    ['r = 0', { r: 0n }],
    ['s = 0', { s: 0n }],
    ['r = q', { r: ALICE_KEY.q }],
    ['s = q', { s: ALICE_KEY.q }],
    ['r = q + r', { r: ALICE_KEY.q + good.r }],
    ['s = q + s', { s: ALICE_KEY.q + good.s }],
  ])('refuses a signature with %s', (_, change) => {
    expect(dsaVerify(key, M, { ...good, ...change }, math)).toBe(false);
  });

  it('refuses, rather than throws, when s has no inverse modulo a composite q', () => {
    const composite = { ...key, q: 15n };
    expect(dsaVerify(composite, M, { r: 1n, s: 5n }, math)).toBe(false);
  });

  it('uses halves as long as q: 32 bytes each for a 256-bit q', () => {
    const sig = dsaSign(LARGE_Q_KEY, M, testEnv('dsa-large').random, math);
    const bytes = encodeSignature(sig, LARGE_Q_KEY);
    expect(bytes).toHaveLength(64);
    expect(readSignature(new Reader(bytes), LARGE_Q_KEY)).toEqual(sig);
    expect(dsaVerify(publicKeyOf(LARGE_Q_KEY), M, sig, math)).toBe(true);
  });
});
