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
import type { ModPow } from '../../otr/crypto/env';

function toBuffer(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/**
 * Shared by every conversation: creating a DiffieHellman object runs OpenSSL's
 * DH_check (a primality test), far costlier than the exponentiations themselves.
 */
const engines = new Map<bigint, DiffieHellman>();

export function createOpensslModPow(): ModPow {
  const engineFor = (modulus: bigint) => {
    let dh = engines.get(modulus);
    if (!dh) {
      dh = createDiffieHellman(toBuffer(modulus), Buffer.of(2));
      engines.set(modulus, dh);
    }
    return dh;
  };
  return {
    modPow(base, exponent, modulus) {
      const b = base % modulus;
      if (exponent < 2n || b < 2n || b >= modulus - 1n || modulus % 2n === 0n) return bigintModPow(base, exponent, modulus);
      const dh = engineFor(modulus);
      dh.setPrivateKey(toBuffer(exponent));
      return BigInt(`0x${dh.computeSecret(toBuffer(b)).toString('hex')}`);
    },
  };
}
