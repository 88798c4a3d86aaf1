/**
 * DSA long-term keys as OTR uses them (Protocol-v3, "Public keys, signatures,
 * and fingerprints"): the PUBKEY encoding, 20-byte SHA-1 fingerprints, and
 * signatures over a 32-byte value taken modulo q (not hashed again).
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
import type { Reader} from '../wire/codec';
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
/** OTR signatures are r || s, each the length of q: 20 bytes for the 160-bit q every client uses. */
export const DSA_Q_BYTES = 20;

export function publicKeyOf(key: DsaPrivateKey): DsaPublicKey {
  return { p: key.p, q: key.q, g: key.g, y: key.y };
}

export function encodePublicKey(key: DsaPublicKey): Uint8Array {
  return new Writer().short(PUBKEY_TYPE_DSA).mpi(key.p).mpi(key.q).mpi(key.g).mpi(key.y).finish();
}

/** Reads a PUBKEY and checks that it is a plausible DSA key before anything trusts it. */
export function readPublicKey(r: Reader): DsaPublicKey {
  const type = r.short('the public key type');
  if (type !== PUBKEY_TYPE_DSA) throw new WireError(`unsupported public key type ${type}`);
  const key = { p: r.mpi('DSA p'), q: r.mpi('DSA q'), g: r.mpi('DSA g'), y: r.mpi('DSA y') };
  if (!isPlausiblePublicKey(key)) throw new WireError('an invalid DSA public key');
  return key;
}

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

/** SHA-1 of the PUBKEY without its two type bytes, as libotr computes it. */
export function fingerprint(key: DsaPublicKey): Uint8Array {
  return sha1Hash(encodePublicKey(key).subarray(2));
}

/** "8A7C9E2F 1B3D…": five groups of eight upper-case hex digits, as Pidgin shows them. */
export function formatFingerprint(fp: Uint8Array | string): string {
  const hex = typeof fp === 'string' ? fp : toHex(fp);
  return hex.toUpperCase().match(/.{1,8}/g)?.join(' ') ?? '';
}

function randomBelow(q: bigint, random: Random): bigint {
  // 64 extra bits make the bias of the reduction negligible.
  return mod(bytesToBigint(random.bytes(DSA_Q_BYTES + 8)), q - 1n) + 1n;
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
  const w = modInverse(sig.s, key.q);
  const u1 = mod(m * w, key.q);
  const u2 = mod(sig.r * w, key.q);
  const v = mod((math.modPow(key.g, u1, key.p) * math.modPow(key.y, u2, key.p)) % key.p, key.q);
  return v === sig.r;
}

export function encodeSignature(sig: DsaSignature): Uint8Array {
  const out = new Uint8Array(2 * DSA_Q_BYTES);
  out.set(bigintToFixedBytes(sig.r, DSA_Q_BYTES), 0);
  out.set(bigintToFixedBytes(sig.s, DSA_Q_BYTES), DSA_Q_BYTES);
  return out;
}

export function readSignature(r: Reader): DsaSignature {
  return { r: bytesToBigint(r.raw(DSA_Q_BYTES, 'signature r')), s: bytesToBigint(r.raw(DSA_Q_BYTES, 'signature s')) };
}
