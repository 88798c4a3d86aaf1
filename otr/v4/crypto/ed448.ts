/**
 * Ed448-Goldilocks as OTRv4 uses it: POINT and SCALAR ("Encoding and Decoding"),
 * the checks on a received point ("Verifying that a point is on the curve"), random
 * scalars ("Considerations while working with elliptic curve parameters"), ECDH keys
 * and shared secrets ("Generating ECDH and DH keys", "Generating Shared Secrets") and
 * HashToScalar (Appendices). The curve arithmetic is @noble/curves'.
 *
 * Constant time: multiplications by secret scalars use noble's constant-time
 * `multiply`; `multiplyUnsafe` is for public scalars only. Reductions mod q use
 * BigInt, whose timing depends on values (see SECURITY_ASSUMPTIONS.md).
 */
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { ed448 } from '@noble/curves/ed448.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { constantTimeEqual } from '../../bytes';
import type { Random } from '../../crypto/env';
import { hwc } from './kdf';
import { isInPrimeOrderSubgroup } from './subgroup';

export const POINT_BYTES = 57;
export const SCALAR_BYTES = 57;
/** The order of the base point ("Elliptic Curve Parameters"). */
export const Q: bigint = ed448.Point.Fn.ORDER;

declare const checked: unique symbol;
/**
 * A point known to pass "Verifying that a point is on the curve": not the identity,
 * on the curve, q * X = I. Only decodePoint(), checkPoint() and s * G for s in [1, q)
 * (multiplyBase(), our own keys) make one, so a function that takes one need not check it again.
 */
export type CurvePoint = EdwardsPoint & { readonly [checked]: true };

/** An encoding or a point this module refuses. `message` is safe to show. */
export class Ed448Error extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'Ed448Error';
  }
}

/** The base point G. */
export const G = ed448.Point.BASE as CurvePoint;
const IDENTITY_BYTES = ed448.Point.ZERO.toBytes();
const ALL_ZERO = new Uint8Array(POINT_BYTES);

/**
 * "Verifying that a point is on the curve", steps 1 and 3 (step 2 is the decoding
 * itself): the identity and points with a small-order component are refused.
 */
export function checkPoint(p: EdwardsPoint): CurvePoint {
  if (p.is0()) throw new Ed448Error('the point is the identity');
  // q * X = I, decided by halving (subgroup.ts, DECISIONS D32): a quarter of the multiplication's cost.
  if (!isInPrimeOrderSubgroup(p)) throw new Ed448Error('the point is not in the subgroup of order q');
  return p as CurvePoint;
}

/**
 * A POINT from the wire, with every check the spec asks of a received point. RFC 8032
 * decoding (noble's strict mode) refuses y >= p (so any of bits 448-454 set), x = 0
 * with the sign bit set, and a y with no x on the curve: only canonical encodings pass.
 */
export function decodePoint(bytes: Uint8Array): CurvePoint {
  if (bytes.length !== POINT_BYTES) throw new Ed448Error(`a POINT is ${POINT_BYTES} bytes`);
  let p: EdwardsPoint;
  try {
    p = ed448.Point.fromBytes(bytes, false);
  } catch {
    throw new Ed448Error('not the encoding of a point on Ed448');
  }
  return checkPoint(p);
}

export function encodePoint(p: EdwardsPoint): Uint8Array {
  return p.toBytes();
}

/** A SCALAR: 57 bytes, little-endian, of a value already reduced mod q. */
export function encodeScalar(s: bigint): Uint8Array {
  if (s < 0n || s >= Q) throw new Ed448Error('a scalar must lie in [0, q)');
  return numberToBytesLE(s, SCALAR_BYTES);
}

/**
 * A SCALAR from the wire. The spec's decoding reduces mod q; a sender that follows
 * the spec only ever sends reduced scalars, so a value >= q is refused instead, which
 * keeps each scalar to one encoding (see DECISIONS.md).
 */
export function decodeScalar(bytes: Uint8Array): bigint {
  if (bytes.length !== SCALAR_BYTES) throw new Ed448Error(`a SCALAR is ${SCALAR_BYTES} bytes`);
  const s = bytesToNumberLE(bytes);
  if (s >= Q) throw new Ed448Error('a scalar must lie in [0, q)');
  return s;
}

/** Little-endian bytes taken mod q: the spec's "mod q" decoding, for hash outputs. */
export function scalarModQ(bytes: Uint8Array): bigint {
  return bytesToNumberLE(bytes) % Q;
}

/**
 * A random scalar ("Considerations while working with elliptic curve parameters"):
 * h = SHAKE-256(57 random bytes, 57), pruned (the two low bits of h[0] cleared, h[56]
 * cleared, the top bit of h[55] set), read little-endian, then reduced mod q for use
 * in Z_q. Zero mod q (probability about 2^-446) is drawn again: noble refuses it.
 */
export function randomScalar(random: Random): bigint {
  for (;;) {
    const h = shake256(random.bytes(SCALAR_BYTES), { dkLen: SCALAR_BYTES });
    h[0] = (h[0] as number) & 0xfc;
    h[56] = 0;
    h[55] = (h[55] as number) | 0x80;
    const s = bytesToNumberLE(h) % Q;
    if (s !== 0n) return s;
  }
}

/** s * G for a secret s in [1, q): constant-time, and never the identity. */
export function multiplyBase(s: bigint): CurvePoint {
  return G.multiply(s) as CurvePoint;
}

/** HashToScalar(usageID || d) (Appendices, "HashToScalar"): HWC(usageID || d, 57) read little-endian, mod q. */
export function hashToScalar(usage: number, ...d: readonly Uint8Array[]): bigint {
  return scalarModQ(hwc(usage, SCALAR_BYTES, ...d));
}

export interface EcdhKeyPair {
  /** s mod q, in [1, q). */
  readonly secret: bigint;
  readonly public: CurvePoint;
}

/**
 * generateECDH() ("Generating ECDH and DH keys"): the lower 57 bytes of
 * SHAKE-256(r, 114) are SHAKE-256(r, 57), since SHAKE is an XOF, so the secret is
 * exactly a random scalar as randomScalar() draws it.
 */
export function generateECDH(random: Random): EcdhKeyPair {
  const secret = randomScalar(random);
  return { secret, public: multiplyBase(secret) };
}

/**
 * ECDH(a, B) ("Generating Shared Secrets"): K_ecdh = a * B serialized as a POINT.
 * Refused when the encoding is all zeros (the spec's literal check) or the identity
 * (what the check is for, a result without our contribution); both are compared
 * without an early exit. With B a CurvePoint and a in [1, q) neither can happen.
 */
export function ecdh(secret: bigint, theirs: CurvePoint): Uint8Array {
  const k = theirs.multiply(secret).toBytes();
  const degenerate = Number(constantTimeEqual(k, ALL_ZERO)) | Number(constantTimeEqual(k, IDENTITY_BYTES));
  if (degenerate) throw new Ed448Error('the ECDH shared secret has no contribution from our key');
  return k;
}
