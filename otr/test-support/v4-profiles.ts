/**
 * OTRv4 fixtures: long-term Ed448 keys and Client Profiles made from a seed, and
 * profiles of arbitrary fields signed correctly, for tests of what a hostile or
 * merely unusual peer may send.
 */
import type { Clock } from '../crypto/env';
import { bigintModPowEngine } from '../crypto/env';
import type { ClientProfile } from '../v4/profile/client-profile';
import { type ClientProfileOptions, createClientProfile } from '../v4/profile/create';
import { type Ed448KeyPair, eddsaSign, generateEd448KeyPair } from '../v4/profile/keys';
import { V4Writer } from '../v4/wire/codec';
import { ManualClock, seededRandom } from './fixtures';

export interface V4Identity {
  readonly identity: Ed448KeyPair;
  readonly forging: Ed448KeyPair;
}

export function v4Identity(seed: string): V4Identity {
  const random = seededRandom(`v4-identity-${seed}`);
  return { identity: generateEd448KeyPair(random), forging: generateEd448KeyPair(random) };
}

/** A v4-only profile of `seed`'s keys for instance 0x100, unless `options` say otherwise. */
export function v4Profile(
  seed: string,
  options: Partial<ClientProfileOptions> = {},
  clock: Clock = new ManualClock(),
): ClientProfile {
  const { identity, forging } = v4Identity(seed);
  return createClientProfile(
    { instanceTag: 0x100, identity, forgingKey: forging.publicBytes, versions: '4', ...options },
    { clock, random: seededRandom(`v4-profile-${seed}`), math: bigintModPowEngine },
  );
}

/** A CLIENT-PROF of exactly these fields (type, encoded value), in this order, signed by `identity`. */
export function signedProfileBytes(
  identity: Ed448KeyPair,
  fields: readonly (readonly [number, Uint8Array])[],
): Uint8Array {
  const body = new V4Writer().int(fields.length);
  for (const [type, value] of fields) body.short(type).raw(value);
  const unsigned = body.finish();
  return new V4Writer().raw(unsigned).raw(eddsaSign(identity, unsigned)).finish();
}
