/**
 * "Initializes the double-ratchet algorithm" (end of "Interactive DAKE Overview"),
 * for each role, from what the DAKE hands over (DakeCompletion): i, j, k and pn at 0,
 * max_remote_i_seen at -1, prev_root_key = KDF(usage_first_root_key || K, 64), then the
 * chain both sides derive from the first ephemeral keys: Alice's (the Auth-R sender's)
 * sending chain, Bob's (the Auth-I sender's) receiving chain. Bob then derives his
 * sending keys at once, from new ECDH and DH keys ("Calculates the sending keys"):
 * his first ratchet has id 0 and brings a new DH key, and i becomes 1. Alice's first
 * messages carry ratchet id 0 (the spec's exception to "i - 1").
 */
import { bigintToBytes } from '../../crypto/bigint';
import type { OtrEnv } from '../../crypto/env';
import { dhSharedSecret } from '../crypto/dh3072';
import { ecdh, encodePoint } from '../crypto/ed448';
import type { DakeCompletion } from '../dake/completion';
import { braceKeyFromDh, deriveRatchetKeys, firstRootKey, mixedSharedSecret, wipe } from './keys';
import { startSendingRatchet } from './send';
import { SkippedKeys } from './skipped-keys';
import { DEFAULT_RATCHET_LIMITS, type RatchetLimits, type RatchetState } from './state';

export function initRatchetState(
  c: DakeCompletion,
  env: OtrEnv,
  ourTag: number,
  limits: RatchetLimits = DEFAULT_RATCHET_LIMITS,
): RatchetState {
  const prevRootKey = firstRootKey(c.sharedSecret);
  const kEcdh = ecdh(c.ourEcdh.secret, c.theirEcdh);
  const kDh = dhSharedSecret(c.ourDh.secret, c.theirDh, env.math);
  const brace = braceKeyFromDh(kDh);
  const k = mixedSharedSecret(kEcdh, brace);
  const { rootKey, chainKey } = deriveRatchetKeys(prevRootKey, k);
  wipe(kDh, kEcdh, k, prevRootKey);
  const alice = c.role === 'auth-r-sender';
  const state: RatchetState = {
    ourTag,
    theirTag: c.theirProfile.instanceTag,
    limits,
    i: 0,
    j: 0,
    k: 0,
    pn: 0,
    maxRemoteISeen: -1,
    rootKey,
    chainS: alice ? chainKey : undefined,
    sendRatchetId: 0,
    chainR: alice ? undefined : chainKey,
    recvRatchetId: alice ? -1 : 0,
    ourEcdh: { secret: c.ourEcdh.secret, public: encodePoint(c.ourEcdh.public) },
    ourDh: { secret: c.ourDh.secret, public: bigintToBytes(c.ourDh.public) },
    theirEcdh: c.theirEcdh,
    theirEcdhBytes: encodePoint(c.theirEcdh),
    theirDh: c.theirDh,
    brace,
    rotateBeforeSending: false,
    // Alice's first chain comes from the DAKE's keys, which Bob has: no new DH key to carry.
    // (Bob's first ratchet, started below, makes one and carries it.)
    sendCarriesDh: false,
    macKeysToReveal: [],
    skipped: new SkippedKeys(limits.maxStored),
    ecdhMadeAt: env.clock.now(),
    closed: false,
  };
  if (!alice) startSendingRatchet(state, env);
  return state;
}
