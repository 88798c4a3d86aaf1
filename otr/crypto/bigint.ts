/**
 * Big-integer conversions and the modular arithmetic OTR needs beyond modPow:
 * big-endian byte encodings (MPIs are minimal, DSA signature halves fixed-size),
 * reduction and inversion. Timing here depends on values: callers blind secrets
 * (see dsa.ts) or only pass public values.
 */

// Conversions go through hex strings: BigInt parses and prints them natively, far
// faster than shifting a byte at a time (these run for every MPI of every message).
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE[i.toString(16).charCodeAt(0)] = i;

export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTE[bytes[i] as number];
  return BigInt(hex);
}

/** Minimal big-endian encoding: no leading zero bytes, and 0 encodes as no bytes (an MPI of length 0). */
export function bigintToBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('negative integers have no encoding here');
  if (n === 0n) return new Uint8Array(0);
  const hex = n.toString(16);
  const odd = hex.length % 2;
  const out = new Uint8Array((hex.length + odd) / 2);
  let h = 0;
  if (odd) out[0] = HEX_VALUE[hex.charCodeAt(h++)] as number;
  for (let i = odd; i < out.length; i++, h += 2) {
    out[i] = ((HEX_VALUE[hex.charCodeAt(h)] as number) << 4) | (HEX_VALUE[hex.charCodeAt(h + 1)] as number);
  }
  return out;
}

/** Big-endian encoding padded with leading zeros to exactly `length` bytes. */
export function bigintToFixedBytes(n: bigint, length: number): Uint8Array {
  const raw = bigintToBytes(n);
  if (raw.length > length) throw new RangeError(`integer does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(raw, length - raw.length);
  return out;
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m by the extended Euclidean algorithm; throws when a is not invertible. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return mod(oldS, m);
}

/** Square-and-multiply with BigInt: the portable fallback behind the ModPow interface. */
export function bigintModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  if (exponent < 0n) throw new RangeError('negative exponent');
  let result = 1n;
  let b = mod(base, modulus);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}
