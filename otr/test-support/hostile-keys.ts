/**
 * DSA public keys a hostile peer could put in its AKE signature block, each made
 * from ALICE_KEY by changing one value so that it fails exactly one check of
 * peerPublicKeyProblem (otr/crypto/dsa.ts), and a valid key of the largest q
 * accepted (2048/256, generated once by OpenSSL), whose signatures have 32-byte halves.
 */
import {
  dsaSign,
  dsaVerify,
  publicKeyOf,
  type DsaPrivateKey,
  type DsaPublicKey,
  type DsaSignature,
} from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import { ALICE_KEY } from './fixtures';

export const LARGE_Q_KEY: DsaPrivateKey = {
  p: 0xc32c8e83e667611b9e96190b3e66f28befa9c809cb31d46ec3f885483b543028bfc1efcdaf9b90b72fa0e2f832ab7fa541ee217cd2eb327ae91a440a3918a2182d3502671fb8bfb670d088167fe617d81a22b47750faa0acd7f20aee64a80faddc27af0b95faed4a0aa78b4ed90635a5321e038bebb0c8793c3f286b4cac757426e6b0d2aed19361230514a6390587290a6e4a5d0c7860e8201bb1c3305938e3d8b53aa93b6c45476615562bfa2207703cdcba45f61f0ef5d1af74df107252acfeef392851b05ce06a41e8d0b8f21b3b833cc09d3de17172609fbf1d609f1cd263c0b9385634d5b9316c8e7cca8b96e1b51cf15c430a9876eec30df7d4309af7n,
  q: 0x85e82a903594e4be661149dfab7a4b1fa2ff4e9d51f9ceac3aa61ab8c6c2c3c5n,
  g: 0x33d692e76d5aff1ce50b82a3d4aaccc1ae5c638b406807c8e1e6282319f4af641f04654168d7848718ffb45a374d704fc26981b268fc6505cf44e01147a35614cfd1690a0bde986ca0b29979122e878da99061c91329e13e4532b307f2868536f502133259d1f4aab267677dd35def2ec1bbdbfc4c0aa87037ed2195e6e8ba281ee1a4130242cf38c61f5b0d9886e30a6d27d033c84e15996c19c8f85a68fc02e76dbf13717e1f0c31f961e8af695ee4461d9290540152b19e1ba2ac1421c975c2b0dba9a29d792860edbcd615153d84da9a86b96ec939b01bcf2770f89f77a9ff1ff208bd816c395b377108eda218dd9e5dfda087ca53bffa9b09eb9dc859c1n,
  y: 0x7f18df583b662a76076116d82f6cba45f258b0864d90f93666f6b709aa66a08bb7200569fc6ad43c70701c8fb77a9b9ecc007977ada5b6b3ae86c1eda07fe60a305ab39ce2e473f3ac3e05e6911fa328c4a1ed5793991a44bae7621178997ee7396a4e8f33db92806a98de0fe29d6ff9602f118c489a19c949c00e52b10f55c748f68cb76589913660b1ca6de11c1388e3af6c968ede6ca45dda4111e482167f69e67373bb8f7b776f9b0bad276d6887bd2c5a8a84260350ee2209e7436287af9523dfbd2f47a0ba57a0d654b510e7a29fca1e75e3582c9bdb630e164eb7a82cadb3c1c36c6d0a16cf0fe1fb22ce09ccdec35efa9f0d1ebae3e8ab38209d9bf9n,
  x: 0x3ac60eba0167d144bafb4caa4f818f27209bb3971b5b38d9bd1e98e1738e1a0dn,
};

const A = publicKeyOf(ALICE_KEY);

export interface HostileKey {
  what: string;
  key: DsaPublicKey;
  /** The secret exponent, when signatures by `key` can be made to verify (the subgroup cases). */
  x?: bigint;
  /** What peerPublicKeyProblem says of it. */
  reason: RegExp;
  /** Too long to parse: through the AKE it is refused as "DSA <this> is too long". */
  tooLong?: 'p' | 'q';
}

/** q + 2 does not divide p - 1 for ALICE_KEY (checked here, so the fixture cannot rot). */
function notADivisor(): bigint {
  const q = A.q + 2n;
  if ((A.p - 1n) % q === 0n) throw new Error('q + 2 divides p - 1: pick another');
  return q;
}

export const HOSTILE_KEYS: readonly HostileKey[] = [
  { what: 'p of 512 bits', key: { ...A, p: A.p >> 512n }, reason: /DSA p of 512 bits/ },
  { what: 'p of 3080 bits', key: { ...A, p: (A.p << 2056n) + 1n }, reason: /DSA p of 3080 bits/, tooLong: 'p' },
  { what: 'q of 128 bits', key: { ...A, q: A.q >> 32n }, reason: /DSA q of 128 bits/ },
  { what: 'q of 264 bits', key: { ...A, q: A.q << 104n }, reason: /DSA q of 264 bits/, tooLong: 'q' },
  { what: 'q not dividing p - 1', key: { ...A, q: notADivisor() }, reason: /does not divide p - 1/ },
  { what: 'g = 0', key: { ...A, g: 0n }, reason: /DSA g out of range/ },
  { what: 'g = 1', key: { ...A, g: 1n }, reason: /DSA g out of range/ },
  { what: 'g = p', key: { ...A, g: A.p }, reason: /DSA g out of range/ },
  { what: 'g = p - 1 (order 2)', key: { ...A, g: A.p - 1n }, reason: /DSA g whose order is not q/ },
  // ALICE_KEY's x is even, so y = g^x = (p - g)^x: the key is consistent, only g's order (2q) is wrong.
  { what: 'g = p - g (order 2q)', key: { ...A, g: A.p - A.g }, x: ALICE_KEY.x, reason: /DSA g whose order is not q/ },
  { what: 'y = 1', key: { ...A, y: 1n }, reason: /DSA y out of range/ },
  { what: 'y = p', key: { ...A, y: A.p }, reason: /DSA y out of range/ },
  { what: 'y = p - y (order 2q)', key: { ...A, y: A.p - A.y }, x: ALICE_KEY.x, reason: /DSA y outside the subgroup/ },
];

/**
 * A signature by `x` that plain DSA verification accepts under `key` even though
 * the key is hostile: for g or y of order 2q, half of all signatures verify, so
 * signing again with fresh randomness finds one within a few tries.
 */
export function signatureThatVerifies(key: DsaPublicKey, x: bigint, m: Uint8Array, env: OtrEnv): DsaSignature {
  for (let i = 0; i < 64; i++) {
    const sig = dsaSign({ ...key, x }, m, env.random, env.math);
    if (dsaVerify(key, m, sig, env.math)) return sig;
  }
  throw new Error('no signature verified in 64 tries');
}
