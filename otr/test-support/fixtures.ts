/**
 * Fixed inputs for otr/ tests: two DSA long-term keys (generated once by
 * OpenSSL through app/otr-host/dsa-keygen.ts) and deterministic environments, so
 * that a test's wire bytes are the same on every run.
 */
import { sha256 } from '../crypto/primitives';
import { bigintModPowEngine, type OtrEnv, type Random } from '../crypto/env';
import type { DsaPrivateKey } from '../crypto/dsa';

export const ALICE_KEY: DsaPrivateKey = {
  p: 0xe0d0addab01c077655128976dfb8b6e82c641e53ddb920c4b06567313c66b657b08f77026127999fd4d4f73a92f1ab7a3637d5cb095884a4543b14164ef313adc8e56e995bba7ad59c377a9010cab7f211e45b889ffd3f3f00769f33160be22b0115441c8a1eaf0b6f28204a20d9b44aeb5f3205ca1ea013c5f94666ae27f6cfn,
  q: 0xb81f29ecd39302b379c29450e9b03d70f6df50a1n,
  g: 0x637a59da5c47203b7db2f5e73b2eac5f540a7191039e600fd21c325ecc81f3f1f52495cf68fabf2e77647882f0e07e43f56e1c650d32f4b3ca0472b2b97d355c1847a7b0cd9c77ab94a1e22cadcfe302a0c30ef18c6fee2f94a822b0f88de27bd1c507f21765a4c15fb4a13e5e070d4348a93cf5eeb9e8167e6d8e11662f0096n,
  y: 0x647d3d795b2bc6f3a0717b36a90cf7146cf895e42145029041df1f6f61f9807024566fb560ef321a1dfc2506cd36ef0353e583c5a83aae9c90b4a06aaf23f608f166aed2d7707ef893592cefa0da16676661d505f6b92d0ddb04fac2eaf3744d2c42d980d85591619f35fad8207973c771e826be565c5b5692e5121809d3addfn,
  x: 0x1ae92370d8d1007ae89ea173b6db06181ca3472n,
};

export const BOB_KEY: DsaPrivateKey = {
  p: 0x8aa79e5f39d0184d10bc815ad71f9c780de6ea63696f04674622574a265f8902a7368c3d322c4076fb8d35b93759bd7e2aeb141c8d28513249852067ca1b47feaead34a1cf2854c25a7f8095920df1e84db777fd0b376d966bb50710cd8c2da7f4b034eb515b9e61b7294c69af73fef7275b2b1042bb6445318e9a749996286fn,
  q: 0xda5500ab8e5d258da25a4299c2a4712dead7053dn,
  g: 0x1c7717914846b9b964042ec9038359065573ef7e6fefd3953e99f33b937b0ba570a833615cdaee61e3e9491f40fae77eead4c3bb02227c8d9b992a2eca24c17c4de87798eaadc831f131cef8a132648a122553cc7adde8b759f875ef066fbaac0b73c1214225b2d0021fb9c777266405e9cd84a0d1362b6ad9ee0fe42d89d943n,
  y: 0x8e1e9496b8e954df4d55d9c9a65cb9365e236e90f5d57273861d70458291d20f0e884678ec49c858ad304d6b24177df9cf1e1c4924dd57dbdd1a42d2b6245a8d562ef7774dcbfcbc2ede601aab6e11d7401ff8fc280e06a70f55d13fbb319cbdd499d29a812060aa7e3b25515811736b88e367aa631ac897335fe6ae274c148n,
  x: 0x101a20237b247dd8a13cc6d27d8f9d113d0b687fn,
};

/** A SHA-256 counter-mode byte stream: deterministic, and different per seed. */
export function seededRandom(seed: string): Random {
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  let pool: Uint8Array = new Uint8Array(0);
  return {
    bytes(length: number) {
      const out = new Uint8Array(length);
      let o = 0;
      while (o < length) {
        if (pool.length === 0) {
          const block = new Uint8Array(seedBytes.length + 4);
          block.set(seedBytes);
          new DataView(block.buffer).setUint32(seedBytes.length, counter++);
          pool = sha256(block);
        }
        const n = Math.min(pool.length, length - o);
        out.set(pool.subarray(0, n), o);
        pool = pool.subarray(n);
        o += n;
      }
      return out;
    },
  };
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export function testEnv(seed: string, clock = new ManualClock()): OtrEnv & { clock: ManualClock } {
  return { random: seededRandom(seed), clock, math: bigintModPowEngine };
}
