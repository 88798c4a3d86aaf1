/**
 * The 3072-bit Diffie-Hellman group of OTRv4's brace key ("3072-bit Diffie-Hellman
 * Parameters"): the MODP group of RFC 3526 section 4, generator 2, subprime
 * (p - 1) / 2. Every exponentiation goes through the injected ModPow, so that the
 * app's constant-time OpenSSL code handles the secret exponents.
 */
import { bigintToBytes, bytesToBigint } from '../../crypto/bigint';
import type { ModPow, Random } from '../../crypto/env';

export const DH3072_PRIME = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const DH3072_GENERATOR = 2n;
export const DH3072_Q = (DH3072_PRIME - 1n) / 2n;
/** The size of p, and so the most a minimal encoding of a group element takes. */
export const DH3072_BYTES = 384;
/** generateDH() picks r as 80 random bytes ("Generating ECDH and DH keys"). */
export const DH3072_SECRET_BYTES = 80;

export interface Dh3072KeyPair {
  readonly secret: bigint;
  readonly public: bigint;
}

/** generateDH(): r from 80 random bytes (big-endian), public g3^r mod p. */
export function generateDH(random: Random, math: ModPow): Dh3072KeyPair {
  let secret = 0n;
  // r = 0 or 1 would make the public value trivial: astronomically unlikely, cheap to refuse.
  while (secret < 2n) secret = bytesToBigint(random.bytes(DH3072_SECRET_BYTES));
  return { secret, public: math.modPow(DH3072_GENERATOR, secret, DH3072_PRIME) };
}

/** Step 1 of "Verifying that an integer is in the DH group": g3 <= x <= p - g3. */
export function isInDhRange(x: bigint): boolean {
  return x >= DH3072_GENERATOR && x <= DH3072_PRIME - DH3072_GENERATOR;
}

/**
 * "Verifying that an integer is in the DH group": the range, then x^q mod p = 1 (x in
 * the subgroup of order q). One exponentiation by the public q, through ModPow: the
 * literal form, which tests compare with. Received values are checked by
 * isInBraceGroup (ratchet/dh-check.ts), the same predicate by Euler's criterion (D31).
 */
export function isInDhGroup(x: bigint, math: ModPow): boolean {
  return isInDhRange(x) && math.modPow(x, DH3072_Q, DH3072_PRIME) === 1n;
}

/**
 * DH(a, B) ("Generating Shared Secrets"): k_dh = B^a mod p, "serialized as a
 * big-endian unsigned integer", minimal as MPIs are (see DECISIONS.md). The range is
 * checked again here (cheap); the subgroup check is the receiver's, with isInDhGroup(),
 * when the value arrives, as the spec places it.
 */
export function dhSharedSecret(ourSecret: bigint, theirs: bigint, math: ModPow): Uint8Array {
  if (!isInDhRange(theirs)) throw new RangeError('DH public value out of range');
  return bigintToBytes(math.modPow(theirs, ourSecret, DH3072_PRIME));
}
