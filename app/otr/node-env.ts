/** The OTR library's host environment in Node: the system CSPRNG, the real clock and OpenSSL's modPow. */
import { randomBytes } from 'node:crypto';
import type { OtrEnv } from '../../otr/crypto/env';
import { createOpensslModPow } from './openssl-modpow';

export function createNodeOtrEnv(): OtrEnv {
  return {
    random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
    clock: { now: () => Date.now() },
    math: createOpensslModPow(),
  };
}
