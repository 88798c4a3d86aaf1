/**
 * Two in-memory conversations (pair.ts) whose accounts have OTRv4 keys: each a
 * seed's identity and forging keys, and a Client Profile for its instance tag
 * offering versions 3 and 4 with the transitional signature of its v3 DSA key,
 * as Sotto publishes it.
 */
import type { DsaPrivateKey } from '../crypto/dsa';
import type { ConversationOptions, V4Identity } from '../session/conversation-types';
import type { PolicyLevel } from '../session/policy';
import { createClientProfile } from '../v4/profile/create';
import { ALICE_KEY, BOB_KEY, ManualClock, seededRandom } from './fixtures';
import { ALICE_TAG, BOB_TAG, makePair } from './pair';
import { v4Identity } from './v4-profiles';
import { bigintModPowEngine } from '../crypto/env';

/** `seed`'s v4 keys, with a profile for `tag` made on `clock`, and phi' names. */
export function v4Account(
  seed: string,
  tag: number,
  dsa: DsaPrivateKey,
  clock: ManualClock,
  names: { ours: string; theirs: string },
): V4Identity {
  const { identity, forging } = v4Identity(seed);
  const env = { clock, random: seededRandom(`v4-pair-profile-${seed}`), math: bigintModPowEngine };
  const profile = createClientProfile(
    { instanceTag: tag, identity, forgingKey: forging.publicBytes, versions: '34', transitional: { key: dsa } },
    env,
  );
  return { identity, forgingKey: forging.publicBytes, profile: () => profile, names };
}

/** A pair where Alice and (unless `bobV4` is false) Bob have v4 keys. */
export function makeV4Pair(
  level: PolicyLevel = 'opportunistic',
  options: { bobV4?: boolean; alice?: Partial<ConversationOptions>; bob?: Partial<ConversationOptions> } = {},
) {
  const clock = new ManualClock();
  const aliceNames = { ours: 'alice@example.org', theirs: 'bob@example.org' };
  const bobNames = { ours: 'bob@example.org', theirs: 'alice@example.org' };
  const aliceV4 = v4Account('alice', ALICE_TAG, ALICE_KEY, clock, aliceNames);
  const bobV4 = options.bobV4 === false ? {} : { v4: v4Account('bob', BOB_TAG, BOB_KEY, clock, bobNames) };
  return makePair(level, {}, { ...bobV4, ...options.bob }, clock, { v4: aliceV4, ...options.alice });
}
