/** The OTR library's host environment in Node: the system CSPRNG, the real clock, and OpenSSL for the arithmetic and symmetric crypto. */
import { randomBytes } from 'node:crypto';
import type { OtrEnv } from '../../otr';
import { nodeSymmetric } from './node-symmetric';
import { createOpensslModPow } from './openssl-modpow';

export function createNodeOtrEnv(): OtrEnv {
  return {
    random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
    clock: { now: () => Date.now() },
    math: createOpensslModPow(),
    symmetric: nodeSymmetric,
  };
}
