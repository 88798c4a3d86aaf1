import { numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/fixtures';
import { Ed448Error, G, generateECDH, hashToScalar, Q } from './ed448';
import { USAGE_AUTH } from './kdf';
import {
  decodeRingSignature,
  encodeRingSignature,
  RING_SIG_BYTES,
  type Ring,
  ringSign,
  type RingSignature,
  ringVerify,
} from './rsig';

const random = seededRandom('rsig');
const keys = [generateECDH(random), generateECDH(random), generateECDH(random)] as const;
const ring: Ring = [keys[0].public, keys[1].public, keys[2].public];
const message = new TextEncoder().encode('phi and the rest of t');

type Three = [bigint, bigint, bigint];
function tweak(sigma: RingSignature, part: 'c' | 'r', i: number): RingSignature {
  const values = [...sigma[part]] as Three;
  values[i] = ((values[i] as bigint) + 1n) % Q;
  return { ...sigma, [part]: values };
}

describe('RSig and RVrf', () => {
  for (const at of [0, 1, 2]) {
    it(`signs and verifies with the secret of ring member ${at + 1}`, () => {
      const k = keys[at] as (typeof keys)[number];
      const sigma = ringSign({ secret: k.secret, public: k.public }, ring, message, random);
      expect(ringVerify(ring, sigma, message)).toBe(true);
    });
  }

  const sigma = ringSign(keys[1], ring, message, random);

  it('computes c as HashToScalar(usage_auth || G || q || A1..A3 || T1..T3 || m), q in 57 bytes', () => {
    const t = [0, 1, 2].map((i) =>
      G.multiplyUnsafe(sigma.r[i] as bigint)
        .add((ring[i] as Ring[0]).multiplyUnsafe(sigma.c[i] as bigint))
        .toBytes(),
    );
    const c = hashToScalar(
      USAGE_AUTH,
      G.toBytes(),
      numberToBytesLE(Q, 57),
      ...ring.map((a) => a.toBytes()),
      ...t,
      message,
    );
    expect((sigma.c[0] + sigma.c[1] + sigma.c[2]) % Q).toBe(c);
  });

  it('refuses the signature for another message', () => {
    expect(ringVerify(ring, sigma, new TextEncoder().encode('phi and the rest of u'))).toBe(false);
  });

  it('refuses the signature with any of its six scalars changed', () => {
    for (const part of ['c', 'r'] as const) {
      for (const i of [0, 1, 2]) expect(ringVerify(ring, tweak(sigma, part, i), message)).toBe(false);
    }
  });

  it('refuses the signature over the ring in another order or with another member', () => {
    expect(ringVerify([ring[1], ring[0], ring[2]], sigma, message)).toBe(false);
    expect(ringVerify([ring[0], ring[1], generateECDH(random).public], sigma, message)).toBe(false);
  });

  it('refuses, without throwing, a signature whose scalars lie outside [0, q)', () => {
    expect(ringVerify(ring, { c: sigma.c, r: [sigma.r[0] + Q, sigma.r[1], sigma.r[2]] }, message)).toBe(false);
    expect(ringVerify(ring, { c: [-1n, sigma.c[1], sigma.c[2]], r: sigma.r }, message)).toBe(false);
  });

  it('refuses to sign for a key outside the ring', () => {
    expect(() => ringSign(generateECDH(random), ring, message, random)).toThrow(Ed448Error);
  });

  it('serializes as c1, r1, c2, r2, c3, r3 in 342 bytes and reads it back', () => {
    const bytes = encodeRingSignature(sigma);
    expect(bytes).toHaveLength(RING_SIG_BYTES);
    expect(RING_SIG_BYTES).toBe(342);
    expect(bytes.subarray(57, 114)).toEqual(numberToBytesLE(sigma.r[0], 57));
    expect(bytes.subarray(114, 171)).toEqual(numberToBytesLE(sigma.c[1], 57));
    expect(decodeRingSignature(bytes)).toEqual(sigma);
  });

  it('refuses to read a signature with a scalar >= q or of the wrong length', () => {
    const bytes = encodeRingSignature(sigma);
    bytes.set(numberToBytesLE(Q, 57), 5 * 57);
    expect(() => decodeRingSignature(bytes)).toThrow(Ed448Error);
    expect(() => decodeRingSignature(new Uint8Array(341))).toThrow(Ed448Error);
  });
});
