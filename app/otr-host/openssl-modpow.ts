/**
 * Modular exponentiation through OpenSSL, for the otr/ library's ModPow
 * interface. One DiffieHellman object per modulus is reused: setPrivateKey(e)
 * then computeSecret(b) yields b^e mod p through OpenSSL's constant-time
 * exponentiation, several times faster than BigInt square-and-multiply (whose
 * timing would also depend on the secret exponent). Bases OpenSSL refuses as
 * public keys (0, 1, p-1, or beyond p) and trivial exponents take the BigInt path;
 * none of them is secret-dependent in OTR's use.
 */
import { createDiffieHellman, getDiffieHellman, type DiffieHellman } from 'node:crypto';
import { bigintModPow, DH_PRIME, type ModPow } from '../../otr';

function toBuffer(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/** Our own DSA keys (one per account); more than this are treated like a peer's. */
const MAX_OWN_MODULI = 64;

/**
 * Creating a DiffieHellman object runs OpenSSL's DH_check (a primality test), far
 * costlier than the exponentiations themselves: about 20 ms for a 1024-bit DSA
 * modulus, 1.6 s for a 3072-bit one, against 0.1 ms for one exponentiation. So
 * engines exist only for OTR's DH group (RFC 3526 §2, also SMP's group), OTRv4's
 * brace-key group (RFC 3526 §4: every DAKE and every third ratchet exponentiates in
 * it, about 2 ms here against 40 ms with BigInt) and our own DSA moduli, made once
 * and shared by every conversation. A peer's modulus (its
 * DSA key, a new one in every AKE if it likes) only ever meets public exponents
 * (signature verification, the subgroup checks): BigInt serves those, at no cost
 * a peer can choose.
 */
/** RFC 3526's 3072-bit MODP prime (OTRv4's DH3072_PRIME), as OpenSSL names it. */
const DH3072_PRIME = BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
const engines = new Map<bigint, DiffieHellman | undefined>([
  [DH_PRIME, undefined],
  [DH3072_PRIME, undefined],
]);

/** Our own DSA key's modulus: exponentiations with it (signing) go through OpenSSL. */
export function keepModulus(modulus: bigint): void {
  if (engines.size <= MAX_OWN_MODULI) engines.set(modulus, engines.get(modulus));
}

function engineFor(modulus: bigint): DiffieHellman | undefined {
  if (!engines.has(modulus)) return undefined;
  let dh = engines.get(modulus);
  if (!dh) {
    dh = createDiffieHellman(toBuffer(modulus), Buffer.of(2));
    engines.set(modulus, dh);
  }
  return dh;
}

export function createOpensslModPow(): ModPow {
  return {
    modPow(base, exponent, modulus) {
      const b = base % modulus;
      const dh = exponent < 2n || b < 2n || b >= modulus - 1n ? undefined : engineFor(modulus);
      if (!dh) return bigintModPow(base, exponent, modulus);
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
