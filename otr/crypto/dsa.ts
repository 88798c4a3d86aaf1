/**
 * DSA long-term keys as OTR uses them (Protocol-v3, "Public keys, signatures,
 * and fingerprints"): the PUBKEY encoding, 20-byte SHA-1 fingerprints, and
 * signatures over a 32-byte value taken modulo q (not hashed again), and the
 * checks a peer's key from the wire must pass before its signature means anything.
 *
 * Constant time: g^k mod p goes through the injected ModPow (OpenSSL's
 * constant-time code in the app). The arithmetic mod q uses BigInt, whose
 * timing depends on values; the secret nonce is blinded by a random factor
 * before inversion so that the inversion's timing says nothing about it.
 */
import { toHex } from '../bytes';
import { bigintToFixedBytes, bitLength, bytesToBigint, mod, modInverse } from './bigint';
import type { ModPow, Random } from './env';
import { sha1Hash } from './primitives';
import type { Reader } from '../wire/codec';
import { WireError, Writer } from '../wire/codec';

export interface DsaPublicKey {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly y: bigint;
}

export interface DsaPrivateKey extends DsaPublicKey {
  readonly x: bigint;
}

export interface DsaSignature {
  r: bigint;
  s: bigint;
}

export const PUBKEY_TYPE_DSA = 0x0000;

export function publicKeyOf(key: DsaPrivateKey): DsaPublicKey {
  return { p: key.p, q: key.q, g: key.g, y: key.y };
}

export function encodePublicKey(key: DsaPublicKey): Uint8Array {
  return new Writer().short(PUBKEY_TYPE_DSA).mpi(key.p).mpi(key.q).mpi(key.g).mpi(key.y).finish();
}

/**
 * Size bounds on a peer's key (Protocol-v3, "Public keys, signatures, and
 * fingerprints"): every (L, N) pair of FIPS 186 fits, from libotr's 1024/160 to
 * 3072/256, and nothing larger, so that a hostile key cannot make us run huge
 * exponentiations (their cost grows with the size of p and q).
 */
export const PEER_P_BITS = { min: 1024, max: 3072 } as const;
export const PEER_Q_BITS = { min: 160, max: 256 } as const;
const byteLength = (bits: number) => Math.ceil(bits / 8);

/** An MPI of at most `maxBits` (MPIs are minimal), refused by its length before it becomes a number. */
function boundedMpi(r: Reader, what: string, maxBits: number): bigint {
  const bytes = r.data(what);
  if (bytes.length > byteLength(maxBits)) throw new WireError(`${what} is too long`);
  return bytesToBigint(bytes);
}

/** Reads a PUBKEY. Only its size is checked here; peerPublicKeyProblem() decides whether to trust it. */
export function readPublicKey(r: Reader): DsaPublicKey {
  const type = r.short('the public key type');
  if (type !== PUBKEY_TYPE_DSA) throw new WireError(`unsupported public key type ${type}`);
  return {
    p: boundedMpi(r, 'DSA p', PEER_P_BITS.max),
    q: boundedMpi(r, 'DSA q', PEER_Q_BITS.max),
    g: boundedMpi(r, 'DSA g', PEER_P_BITS.max),
    y: boundedMpi(r, 'DSA y', PEER_P_BITS.max),
  };
}

/** Our own key's shape: what Sotto signs with (its key store checks this on load). */
export function isPlausiblePublicKey(k: DsaPublicKey): boolean {
  return (
    bitLength(k.q) === 160 &&
    bitLength(k.p) >= 1024 &&
    bitLength(k.p) <= 4096 &&
    (k.p - 1n) % k.q === 0n &&
    k.g > 1n &&
    k.g < k.p &&
    k.y > 1n &&
    k.y < k.p
  );
}

/**
 * Why a peer's DSA key from the wire (the AKE's signature blocks) cannot be
 * trusted, or undefined. Sizes first, so the exponentiations below stay bounded;
 * then q | p - 1, and g and y in (1, p) with g^q = y^q = 1 mod p: both lie in the
 * subgroup of order q that DSA verification assumes. Primality of p and q is not
 * tested (see SECURITY_ASSUMPTIONS.md). Two exponentiations with exponent q: once per AKE.
 */
export function peerPublicKeyProblem(k: DsaPublicKey, math: ModPow): string | undefined {
  const pBits = bitLength(k.p);
  const qBits = bitLength(k.q);
  if (pBits < PEER_P_BITS.min || pBits > PEER_P_BITS.max) return `a DSA p of ${pBits} bits`;
  if (qBits < PEER_Q_BITS.min || qBits > PEER_Q_BITS.max) return `a DSA q of ${qBits} bits`;
  if ((k.p - 1n) % k.q !== 0n) return 'a DSA q that does not divide p - 1';
  if (k.g <= 1n || k.g >= k.p) return 'a DSA g out of range';
  if (k.y <= 1n || k.y >= k.p) return 'a DSA y out of range';
  if (math.modPow(k.g, k.q, k.p) !== 1n) return 'a DSA g whose order is not q';
  if (math.modPow(k.y, k.q, k.p) !== 1n) return 'a DSA y outside the subgroup of order q';
  return undefined;
}

/** SHA-1 of the PUBKEY without its two type bytes, as libotr computes it. */
export function fingerprint(key: DsaPublicKey): Uint8Array {
  return sha1Hash(encodePublicKey(key).subarray(2));
}

/** "8A7C9E2F 1B3D…": five groups of eight upper-case hex digits, as Pidgin shows them. */
export function formatFingerprint(fp: Uint8Array | string): string {
  const hex = typeof fp === 'string' ? fp : toHex(fp);
  return (
    hex
      .toUpperCase()
      .match(/.{1,8}/g)
      ?.join(' ') ?? ''
  );
}

/** OTR signatures are r || s, each as long as q (Protocol-v3, "DSA signature"): 20 bytes for a 160-bit q. */
export function signatureHalfBytes(key: DsaPublicKey): number {
  return byteLength(bitLength(key.q));
}

function randomBelow(q: bigint, random: Random): bigint {
  // 64 extra bits make the bias of the reduction negligible.
  return mod(bytesToBigint(random.bytes(byteLength(bitLength(q)) + 8)), q - 1n) + 1n;
}

export function dsaSign(key: DsaPrivateKey, message: Uint8Array, random: Random, math: ModPow): DsaSignature {
  const m = mod(bytesToBigint(message), key.q);
  for (;;) {
    const k = randomBelow(key.q, random);
    const r = mod(math.modPow(key.g, k, key.p), key.q);
    if (r === 0n) continue;
    const blind = randomBelow(key.q, random);
    const kInv = mod(modInverse(mod(k * blind, key.q), key.q) * blind, key.q);
    const s = mod(kInv * mod(m + mod(key.x * r, key.q), key.q), key.q);
    if (s !== 0n) return { r, s };
  }
}

export function dsaVerify(key: DsaPublicKey, message: Uint8Array, sig: DsaSignature, math: ModPow): boolean {
  if (sig.r <= 0n || sig.r >= key.q || sig.s <= 0n || sig.s >= key.q) return false;
  const m = mod(bytesToBigint(message), key.q);
  let w: bigint;
  try {
    w = modInverse(sig.s, key.q);
  } catch {
    // Only a composite q (primality is not tested) leaves s without an inverse: no valid signature.
    return false;
  }
  const u1 = mod(m * w, key.q);
  const u2 = mod(sig.r * w, key.q);
  const v = mod((math.modPow(key.g, u1, key.p) * math.modPow(key.y, u2, key.p)) % key.p, key.q);
  return v === sig.r;
}

export function encodeSignature(sig: DsaSignature, key: DsaPublicKey): Uint8Array {
  const half = signatureHalfBytes(key);
  const out = new Uint8Array(2 * half);
  out.set(bigintToFixedBytes(sig.r, half), 0);
  out.set(bigintToFixedBytes(sig.s, half), half);
  return out;
}

/** Reads a signature by `key`, whose q sets the length of r and s. */
export function readSignature(r: Reader, key: DsaPublicKey): DsaSignature {
  const half = signatureHalfBytes(key);
  return { r: bytesToBigint(r.raw(half, 'signature r')), s: bytesToBigint(r.raw(half, 'signature s')) };
}
