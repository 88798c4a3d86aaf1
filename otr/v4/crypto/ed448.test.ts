import { ed448 } from '@noble/curves/ed448.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { shake256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/fixtures';
import {
  type CurvePoint,
  decodePoint,
  decodeScalar,
  ecdh,
  Ed448Error,
  encodePoint,
  encodeScalar,
  G,
  generateECDH,
  hashToScalar,
  multiplyBase,
  Q,
  randomScalar,
} from './ed448';
import { kdf } from './kdf';

const P = ed448.Point.Fp.ORDER;
const point = (x: bigint, y: bigint) => ed448.Point.fromAffine({ x, y });
const IDENTITY = ed448.Point.ZERO.toBytes();
const ORDER_2 = point(0n, P - 1n);
const ORDER_4 = point(P - 1n, 0n); // encodes as 57 zero bytes
const scalarArb = fc.bigInt({ min: 1n, max: Q - 1n });

function refused(bytes: Uint8Array): Ed448Error {
  try {
    decodePoint(bytes);
  } catch (e) {
    if (e instanceof Ed448Error) return e;
    throw e;
  }
  throw new Error('the encoding was accepted');
}

describe('POINT', () => {
  it('round-trips every multiple of G', () => {
    fc.assert(
      fc.property(scalarArb, (s) => {
        const enc = encodePoint(multiplyBase(s));
        expect(encodePoint(decodePoint(enc))).toEqual(enc);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses the identity', () => {
    expect(refused(IDENTITY).message).toMatch(/identity/);
  });

  it('refuses the points of order 2 and 4', () => {
    expect(ORDER_4.toBytes()).toEqual(new Uint8Array(57));
    for (const small of [ORDER_2, ORDER_4, point(1n, 0n)]) expect(refused(small.toBytes()).message).toMatch(/subgroup/);
  });

  it('refuses a point on the curve with a small-order component', () => {
    const mixed = G.multiply(12345n).add(ORDER_4);
    expect(() => mixed.assertValidity()).not.toThrow();
    expect(refused(mixed.toBytes()).message).toMatch(/subgroup/);
  });

  it('refuses y >= p, including any of bits 448-454 set', () => {
    const valid = encodePoint(multiplyBase(99n));
    const yPlusP = numberToBytesLE(bytesToNumberLE(valid.subarray(0, 56)) + P, 57);
    yPlusP[56] = (yPlusP[56] as number) | ((valid[56] as number) & 0x80);
    refused(yPlusP);
    for (let bit = 0; bit < 7; bit++) {
      const high = valid.slice();
      high[56] = (high[56] as number) | (1 << bit);
      refused(high);
    }
  });

  it('refuses x = 0 with the sign bit set', () => {
    const signed = IDENTITY.slice();
    signed[56] = 0x80;
    refused(signed);
  });

  it('refuses a y with no x on the curve', () => {
    let y = 2n;
    const onCurve = (b: Uint8Array) => {
      try {
        ed448.Point.fromBytes(b);
        return true;
      } catch {
        return false;
      }
    };
    while (onCurve(numberToBytesLE(y, 57))) y++;
    expect(refused(numberToBytesLE(y, 57)).message).toMatch(/not the encoding/);
  });

  it('refuses any length but 57 bytes', () => {
    const valid = encodePoint(G);
    refused(valid.subarray(0, 56));
    refused(Uint8Array.of(...valid, 0));
  });

  it('throws nothing but Ed448Error on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 57, maxLength: 57 }), (bytes) => {
        try {
          decodePoint(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(Ed448Error);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('SCALAR', () => {
  it('round-trips every value below q as 57 little-endian bytes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: Q - 1n }), (s) => {
        const enc = encodeScalar(s);
        expect(enc).toHaveLength(57);
        expect(bytesToNumberLE(enc)).toBe(s);
        expect(decodeScalar(enc)).toBe(s);
      }),
    );
  });

  it('refuses to decode q and anything above it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: Q, max: (1n << 456n) - 1n }), (s) => {
        expect(() => decodeScalar(numberToBytesLE(s, 57))).toThrow(Ed448Error);
      }),
    );
  });

  it('refuses to encode a value outside [0, q) and to decode a wrong length', () => {
    expect(() => encodeScalar(Q)).toThrow(Ed448Error);
    expect(() => encodeScalar(-1n)).toThrow(Ed448Error);
    expect(() => decodeScalar(new Uint8Array(56))).toThrow(Ed448Error);
  });
});

describe('random scalars, ECDH and HashToScalar', () => {
  it('hashes 57 random bytes with SHAKE-256, prunes, and reduces mod q', () => {
    const h = shake256(seededRandom('scalar').bytes(57), { dkLen: 57 });
    h[0] = (h[0] as number) & 0b11111100;
    h[56] = 0;
    h[55] = (h[55] as number) | 0b10000000;
    expect(randomScalar(seededRandom('scalar'))).toBe(bytesToNumberLE(h) % Q);
  });

  it('makes ECDH keys exactly as RFC 8032 makes a public key from the same 57 bytes', () => {
    const pair = generateECDH(seededRandom('ecdh'));
    expect(pair.secret).toBe(randomScalar(seededRandom('ecdh')));
    expect(encodePoint(pair.public)).toEqual(ed448.getPublicKey(seededRandom('ecdh').bytes(57)));
  });

  it('gives both parties the same K_ecdh, a POINT', () => {
    const a = generateECDH(seededRandom('ecdh-a'));
    const b = generateECDH(seededRandom('ecdh-b'));
    const k = ecdh(a.secret, b.public);
    expect(k).toEqual(ecdh(b.secret, a.public));
    expect(k).toEqual(encodePoint(b.public.multiply(a.secret)));
  });

  it('refuses a shared secret that is the identity or the all-zero encoding', () => {
    expect(() => ecdh(5n, ed448.Point.ZERO as CurvePoint)).toThrow(Ed448Error);
    // The order-4 point times 1 (mod 4) is itself, whose encoding is all zeros.
    expect(() => ecdh(5n, ORDER_4 as CurvePoint)).toThrow(Ed448Error);
    expect(() => ecdh(4n, ORDER_4 as CurvePoint)).toThrow(Ed448Error);
  });

  it('computes HashToScalar as HWC(usage || d, 57) read little-endian, mod q', () => {
    const d = Uint8Array.of(1, 2, 3);
    expect(hashToScalar(0x1a, d)).toBe(bytesToNumberLE(kdf(0x1a, 57, d)) % Q);
    expect(hashToScalar(0x1a, d)).toBeLessThan(Q);
  });
});
