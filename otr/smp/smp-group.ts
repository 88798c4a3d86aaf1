/**
 * The arithmetic the SMP runs on (Protocol-v3, "Socialist Millionaires'
 * Protocol" and "SMP Hash function"): the AKE's 1536-bit group with g1 = 2,
 * exponents modulo q = (p-1)/2, and SHA256(version byte, MPI, [MPI]).
 *
 * Every exponentiation goes through env.math.modPow (OpenSSL's constant-time
 * code in the app): the SMP is nothing but exponentiations, so their number
 * and size is its cost. Two things keep both down without changing a single
 * value on the wire:
 *
 * - A generator that is itself a power, g3 = g3b^a3, is kept as (base, exponent)
 *   and never computed: g3^r is then one exponentiation, g3b^(a3·r mod p-1),
 *   instead of two. Exponents multiply modulo p-1 (Fermat), which is exact for
 *   every base in [2, p-2], in the order-q subgroup or not, so a peer's
 *   malformed value gives exactly the result libotr would compute.
 * - Random exponents are drawn modulo q (full size: 1535 bits), so no
 *   exponentiation ever runs over more bits than the group needs.
 *
 * The products of secret exponents (a3·r) are BigInt arithmetic, whose timing
 * depends on the values, as the D = r - a·c values of every Schnorr proof here
 * (and libotr's gcry_mpi_mulm) do; the exponentiations themselves are not.
 * BigInts cannot be wiped: secret exponents live until the state that holds
 * them is dropped (at the end of each SMP) and the garbage collector reclaims them.
 */
import { constantTimeEqual } from '../bytes';
import { bigintToFixedBytes, bytesToBigint, mod } from '../crypto/bigint';
import { DH_GENERATOR, DH_PRIME, DH_Q } from '../crypto/dh-group';
import type { OtrEnv, Random } from '../crypto/env';
import { sha256 } from '../crypto/primitives';
import { Writer } from '../wire/codec';

export const P = DH_PRIME;
export const Q = DH_Q;
export const G1 = DH_GENERATOR;
const P_MINUS_1 = P - 1n;
const P_MINUS_2 = P - 2n;
const HASH_LIMIT = 1n << 256n;
/** 1536 random bits and 64 more, so that reducing them modulo q leaves no usable bias. */
const RANDOM_EXPONENT_BYTES = 200;

/** A random exponent in [1, q-1] (Protocol-v3: "random exponents are 1536-bit numbers"). */
export function randomExponent(random: Random): bigint {
  for (;;) {
    const e = mod(bytesToBigint(random.bytes(RANDOM_EXPONENT_BYTES)), Q);
    if (e !== 0n) return e;
  }
}

/** 2 <= v <= p-2: every group element from the wire (libotr's check_group_elem). */
export const isGroupElement = (v: bigint): boolean => v >= 2n && v <= P_MINUS_2;

/** 1 <= e <= q-1: every D value from the wire (libotr's check_expon). */
export const isExponent = (e: bigint): boolean => e >= 1n && e < Q;

/**
 * A hash from the wire is used as an exponent before it is compared: anything
 * longer than SHA-256's output cannot match and would only cost time.
 */
export const isHashSized = (c: bigint): boolean => c >= 0n && c < HASH_LIMIT;

/** A generator known as base^exponent: g2 = g2b^a2 and g3 = g3b^a3, never computed (see above). */
export interface Derived {
  base: bigint;
  exp: bigint;
}

export class SmpArithmetic {
  constructor(private readonly env: OtrEnv) {}

  random(): bigint {
    return randomExponent(this.env.random);
  }

  pow(base: bigint, e: bigint): bigint {
    return this.env.math.modPow(base, e, P);
  }

  /** g1^e. */
  g(e: bigint): bigint {
    return this.env.math.modPow(G1, e, P);
  }

  /** (base^exp)^e in one exponentiation. */
  derived(d: Derived, e: bigint): bigint {
    return this.env.math.modPow(d.base, (d.exp * e) % P_MINUS_1, P);
  }
}

export const mulMod = (a: bigint, b: bigint): bigint => (a * b) % P;

/** D = r - a·c mod q: the response of a Schnorr proof. */
export const response = (r: bigint, a: bigint, c: bigint): bigint => mod(r - a * c, Q);

/** SHA256(version, MPI a [, MPI b]) as an integer (Protocol-v3, "SMP Hash function"). */
export function smpHash(version: number, a: bigint, b?: bigint): bigint {
  const w = new Writer().byte(version).mpi(a);
  if (b !== undefined) w.mpi(b);
  return bytesToBigint(sha256(w.finish()));
}

/** A proof's hash from the wire against the one recomputed here, compared without early exit. */
export function sameHash(received: bigint, computed: bigint): boolean {
  if (!isHashSized(received)) return false;
  return constantTimeEqual(bigintToFixedBytes(received, 32), bigintToFixedBytes(computed, 32));
}

/** Two group elements compared without early exit: the final Rab = Pa/Pb test. */
export function sameElement(a: bigint, b: bigint): boolean {
  return constantTimeEqual(bigintToFixedBytes(mod(a, P), 192), bigintToFixedBytes(mod(b, P), 192));
}
