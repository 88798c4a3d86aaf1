/**
 * Two ends of a completed interactive DAKE, made by hand for ratchet tests: mirrored
 * first ECDH and DH keys and a common K, as the DAKE would leave them
 * (otr/v4/dake/completion.ts), without running it. Alice sent Auth-R, Bob Auth-I.
 */
import type { ModPow, OtrEnv } from '../crypto/env';
import { generateDH } from '../v4/crypto/dh3072';
import { decodePoint, generateECDH } from '../v4/crypto/ed448';
import { hwc, USAGE_SSID } from '../v4/crypto/kdf';
import type { DakeCompletion } from '../v4/dake/completion';
import { initRatchet, type Opened, type Ratchet, type RatchetLimits, type Sealed } from '../v4/ratchet/ratchet';
import { decodeDataMessage } from '../v4/wire/data-message';
import { ManualClock, seededRandom, testEnv } from './fixtures';
import { v4Profile } from './v4-profiles';

export const ALICE_V4_TAG = 0x1000_0a11;
export const BOB_V4_TAG = 0x1000_0b0b;

export function dakeCompletions(seed: string, math: ModPow): { alice: DakeCompletion; bob: DakeCompletion } {
  const random = seededRandom(`v4-dake-${seed}`);
  const [x, y] = [generateECDH(random), generateECDH(random)];
  const [a, b] = [generateDH(random, math), generateDH(random, math)];
  const sharedSecret = random.bytes(64);
  const ssid = hwc(USAGE_SSID, 8, sharedSecret);
  const aliceProfile = v4Profile(`alice-${seed}`, { instanceTag: ALICE_V4_TAG });
  const bobProfile = v4Profile(`bob-${seed}`, { instanceTag: BOB_V4_TAG });
  const common = { sharedSecret, ssid };
  return {
    alice: {
      ...common,
      role: 'auth-r-sender',
      ourEcdh: x,
      ourDh: a,
      theirEcdh: y.public,
      theirDh: b.public,
      theirProfile: bobProfile,
      theirIdentity: decodePoint(bobProfile.identityKey),
      theirForging: decodePoint(bobProfile.forgingKey),
    },
    bob: {
      ...common,
      role: 'auth-i-sender',
      ourEcdh: y,
      ourDh: b,
      theirEcdh: x.public,
      theirDh: a.public,
      theirProfile: aliceProfile,
      theirIdentity: decodePoint(aliceProfile.identityKey),
      theirForging: decodePoint(aliceProfile.forgingKey),
    },
  };
}

export interface RatchetPair {
  alice: Ratchet;
  bob: Ratchet;
  clock: ManualClock;
}

/** Alice's and Bob's ratchets, each with its own seeded randomness and the arithmetic given (BigInt by default). */
export function ratchetPair(seed = '', options: { math?: ModPow; limits?: RatchetLimits } = {}): RatchetPair {
  const clock = new ManualClock();
  const env = (who: string): OtrEnv => {
    const base = testEnv(`v4-ratchet-${who}-${seed}`, clock);
    return options.math ? { ...base, math: options.math } : base;
  };
  const aliceEnv = env('alice');
  const bobEnv = env('bob');
  const { alice, bob } = dakeCompletions(seed, aliceEnv.math);
  return {
    alice: initRatchet(alice, aliceEnv, ALICE_V4_TAG, options.limits),
    bob: initRatchet(bob, bobEnv, BOB_V4_TAG, options.limits),
    clock,
  };
}

/** What `to` makes of a sealed message, through its encoding. */
export function deliver(to: Ratchet, sealed: Sealed | Uint8Array): Opened {
  return to.open(decodeDataMessage(sealed instanceof Uint8Array ? sealed : sealed.bytes));
}

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const untext = (b: Uint8Array): string => new TextDecoder().decode(b);
