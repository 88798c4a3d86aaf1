/**
 * What the OTR library needs from its host, injected so that otr/ does no I/O and
 * tests are deterministic: randomness, the clock and modular exponentiation.
 */
import { bigintModPow } from './bigint';
import type { Symmetric } from './primitives';

export interface Random {
  /** `length` bytes from a cryptographically secure source. */
  bytes(length: number): Uint8Array;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/**
 * base^exponent mod modulus. The app backs it with OpenSSL's constant-time
 * exponentiation (node:crypto); the BigInt fallback is portable but slower and
 * its timing depends on the exponent.
 */
export interface ModPow {
  modPow(base: bigint, exponent: bigint, modulus: bigint): bigint;
}

export const bigintModPowEngine: ModPow = { modPow: bigintModPow };

export interface OtrEnv {
  random: Random;
  clock: Clock;
  math: ModPow;
  /** AES-CTR and HMAC-SHA1 for data messages; the noble implementations when absent. */
  symmetric?: Symmetric;
}
