/**
 * Modular exponentiation through OpenSSL, for the otr/ library's ModPow
 * interface. One DiffieHellman object per modulus is reused: setPrivateKey(e)
 * then computeSecret(b) yields b^e mod p through OpenSSL's constant-time
 * exponentiation, several times faster than BigInt square-and-multiply (whose
 * timing would also depend on the secret exponent). Bases OpenSSL refuses as
 * public keys (0, 1, p-1, or beyond p) and trivial exponents take the BigInt path;
 * none of them is secret-dependent in OTR's use.
 */
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { bigintModPow } from '../../otr/crypto/bigint';
import { DH_PRIME } from '../../otr/crypto/dh-group';
import type { ModPow } from '../../otr/crypto/env';

function toBuffer(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/**
 * Peers' moduli kept at once, least recently used dropped first. A peer's DSA
 * key brings its own modulus, and a hostile one a fresh modulus each AKE; the
 * few peers in conversation right now fit.
 */
const RECENT_MODULI = 16;
/** Our own DSA keys (one per account) kept for good; more than this are treated like a peer's. */
const MAX_OWN_MODULI = 64;

/**
 * Shared by every conversation: creating a DiffieHellman object runs OpenSSL's
 * DH_check (a primality test), far costlier than the exponentiations themselves
 * (about 20 ms for a 1024-bit DSA modulus against 0.1 ms for one exponentiation).
 * OTR's DH group (RFC 3526 §2, also SMP's group) and our own DSA moduli, used in
 * every AKE, are kept for good; others only while recent.
 */
const kept = new Map<bigint, DiffieHellman | undefined>([[DH_PRIME, undefined]]);
const recent = new Map<bigint, DiffieHellman>();

/** Keeps the engine for `modulus`, our own DSA key's, however many peers' moduli come and go. */
export function keepModulus(modulus: bigint): void {
  if (kept.has(modulus) || kept.size > MAX_OWN_MODULI) return;
  kept.set(modulus, recent.get(modulus));
  recent.delete(modulus);
}

function engineFor(modulus: bigint): DiffieHellman {
  if (kept.has(modulus)) {
    let dh = kept.get(modulus);
    if (!dh) {
      dh = createDiffieHellman(toBuffer(modulus), Buffer.of(2));
      kept.set(modulus, dh);
    }
    return dh;
  }
  let dh = recent.get(modulus);
  if (dh) recent.delete(modulus); // re-inserted below: a Map iterates in insertion order
  else dh = createDiffieHellman(toBuffer(modulus), Buffer.of(2));
  recent.set(modulus, dh);
  if (recent.size > RECENT_MODULI) recent.delete(recent.keys().next().value as bigint);
  return dh;
}

export function createOpensslModPow(): ModPow {
  return {
    modPow(base, exponent, modulus) {
      const b = base % modulus;
      if (exponent < 2n || b < 2n || b >= modulus - 1n || modulus % 2n === 0n) return bigintModPow(base, exponent, modulus);
      const dh = engineFor(modulus);
      dh.setPrivateKey(toBuffer(exponent));
      try {
        return BigInt(`0x${dh.computeSecret(toBuffer(b)).toString('hex')}`);
      } catch {
        // OpenSSL refuses a shared secret of 1 (SP 800-56A). Only public checks meet it
        // (a peer's DSA g^q and y^q, expected to be 1): BigInt answers them.
        return bigintModPow(base, exponent, modulus);
      }
    },
  };
}
