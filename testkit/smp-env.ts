/**
 * OTR environments for SMP tests whose arithmetic is OpenSSL's (app/otr-host):
 * the randomness stays seeded, so runs are repeatable, but BigInt
 * exponentiation would make every SMP cost a third of a second. The pure SMP
 * helpers (acting, tapping TLVs) stay in otr/test-support/smp.ts.
 */
import { createOpensslModPow } from '../app/otr-host/openssl-modpow';
import type { OtrEnv } from '../otr';
import { ManualClock, testEnv } from '../otr/test-support/fixtures';
import { makePair, startOtr } from '../otr/test-support/pair';

export function fastEnv(seed: string, clock = new ManualClock()): OtrEnv & { clock: ManualClock } {
  return { ...testEnv(seed, clock), math: createOpensslModPow() };
}

/** alice and bob, private with each other (OTR v3, manual policy). */
export function privatePair(seed = '') {
  const clock = new ManualClock();
  const { alice, bob } = makePair(
    'manual',
    { env: fastEnv(`alice${seed}`, clock) },
    { env: fastEnv(`bob${seed}`, clock) },
  );
  startOtr(alice, bob);
  return { alice, bob, clock };
}
