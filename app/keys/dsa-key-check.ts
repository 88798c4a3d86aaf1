/**
 * The checks a DSA key read from a file must pass before Sotto signs with it: the
 * shape OTR expects (otr/crypto/dsa.ts isPlausiblePublicKey), g of order q, x in
 * range and y = g^x mod p. A file can be damaged or hand-edited; a key that fails
 * is refused with a reason rather than producing signatures no one can verify.
 */
import { bigintModPow, isPlausiblePublicKey, type DsaPrivateKey, type ModPow } from '../../otr';
import { createOpensslModPow, keepModulus } from '../otr-host/openssl-modpow';

/** Why `key` is unusable, or undefined when it is fine. The reason never shows key material. */
export function dsaKeyProblem(key: DsaPrivateKey, math: ModPow = createOpensslModPow()): string | undefined {
  if (!isPlausiblePublicKey(key))
    return 'its public parameters are not an OTR DSA key (p of 1024 to 4096 bits, a 160-bit q dividing p - 1, g and y in range)';
  // Public values only: the portable BigInt path is fine here.
  if (bigintModPow(key.g, key.q, key.p) !== 1n) return 'its generator g does not have order q';
  if (key.x <= 0n || key.x >= key.q) return 'its private exponent x is out of range';
  // x is secret: OpenSSL's constant-time exponentiation.
  if (math.modPow(key.g, key.x, key.p) !== key.y) return 'its public value y does not belong to its private exponent x';
  return undefined;
}

/**
 * The same key with `x` made non-enumerable, so that logging the object, spreading it
 * or JSON.stringify never shows the secret exponent by accident; code that needs x
 * (signing) reads `key.x` as before. This is how Sotto holds its own keys, so it
 * is also where their modulus is marked to keep its OpenSSL engine (creating one
 * costs ~20 ms and we sign with it in every AKE).
 */
export function concealSecret(key: DsaPrivateKey): DsaPrivateKey {
  keepModulus(key.p);
  const out = { p: key.p, q: key.q, g: key.g, y: key.y } as DsaPrivateKey;
  Object.defineProperty(out, 'x', { value: key.x, enumerable: false, writable: false, configurable: false });
  return Object.freeze(out);
}
