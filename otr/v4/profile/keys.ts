/**
 * Long-term Ed448 keys ("Public keys, Shared Prekeys, Forging keys and Fingerprints"):
 * RFC 8032 keys made from a 57-byte symmetric key sym_key. SHAKE-256(sym_key, 114)
 * gives the pruned secret scalar (lower half) and the signing prefix (upper half);
 * H = sk * G. The identity key H, the forging key F (made "by using scalar
 * multiplication", the first of the spec's two ways) and shared prekeys D are all
 * made this way. Profiles are signed with sym_key by RFC 8032 Ed448 (f = 0, empty
 * context: "Create a Client Profile Signature"), through noble.
 */
import { ed448 } from '@noble/curves/ed448.js';
import type { Random } from '../../crypto/env';
import type { CurvePoint } from '../crypto/ed448';
import { POINT_BYTES } from '../crypto/ed448';

export const SYM_KEY_BYTES = 57;

export interface Ed448KeyPair {
  /** sym_key: RFC 8032's private key, kept to sign profiles. */
  readonly symKey: Uint8Array;
  /** sk mod q, for the DAKE's ring signatures. */
  readonly secret: bigint;
  readonly public: CurvePoint;
  /** The public key as a POINT. */
  readonly publicBytes: Uint8Array;
}

export function ed448KeyPairFromSymKey(symKey: Uint8Array): Ed448KeyPair {
  if (symKey.length !== SYM_KEY_BYTES) throw new RangeError(`sym_key is ${SYM_KEY_BYTES} bytes`);
  const { scalar, point, pointBytes } = ed448.utils.getExtendedPublicKey(symKey);
  // sk * G with sk mod q in [1, q) (noble refuses 0): in the subgroup, never the identity.
  return { symKey: symKey.slice(), secret: scalar, public: point as CurvePoint, publicBytes: pointBytes };
}

/** A new long-term key from 57 random bytes: the identity key, a forging key or a shared prekey. */
export function generateEd448KeyPair(random: Random): Ed448KeyPair {
  return ed448KeyPairFromSymKey(random.bytes(SYM_KEY_BYTES));
}

/** RFC 8032 section 5.2.6 with f = 0 and an empty context: the 114-byte EDDSA signature. */
export function eddsaSign(key: Ed448KeyPair, message: Uint8Array): Uint8Array {
  return ed448.sign(message, key.symKey);
}

/**
 * RFC 8032 section 5.2.7 ("Verify a Client Profile Signature"): strict decoding of H
 * and R (no ZIP-215 leniency), S < q, and the cofactored equation 4SG = 4R + 4kH,
 * the spec's first form. Any decoding failure makes the signature invalid.
 */
export function eddsaVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== POINT_BYTES || signature.length !== 2 * POINT_BYTES) return false;
  try {
    return ed448.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
