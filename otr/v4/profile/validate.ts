/**
 * "Validating a Client Profile", in the spec's order: a signature present, the
 * signature valid, the owner instance tag the sender's, not expired, version 4
 * offered, H and F on the curve, then the transitional signature. The first failure
 * is the verdict. Cost: an Ed448 verification and two point checks (about 14 ms with
 * noble), plus the DSA checks when the profile carries a DSA key.
 */
import { dsaVerify, peerPublicKeyProblem, readSignature, signatureHalfBytes } from '../../crypto/dsa';
import type { ModPow } from '../../crypto/env';
import { Reader } from '../../wire/codec';
import { type CurvePoint, decodePoint, Ed448Error } from '../crypto/ed448';
import { type ClientProfile, signedPart, transitionalDigest } from './client-profile';
import { isExpired } from './expiry';
import { eddsaVerify } from './keys';

export interface ProfileExpectations {
  /** The sender instance tag of the DAKE message that carried the profile. */
  readonly senderInstanceTag: number;
  readonly nowMs: number;
  /** For the transitional signature's DSA checks. */
  readonly math: ModPow;
}

export type ProfileVerdict =
  | { readonly valid: true; readonly identity: CurvePoint; readonly forging: CurvePoint }
  | { readonly valid: false; readonly problem: string };

const invalid = (problem: string): ProfileVerdict => ({ valid: false, problem });

function checkedKey(bytes: Uint8Array, what: string): CurvePoint | string {
  try {
    return decodePoint(bytes);
  } catch (e) {
    return `${what}: ${e instanceof Ed448Error ? e.message : 'invalid'}`;
  }
}

/**
 * Step 8, which the spec calls optional and we always take: a DSA key and a
 * transitional signature must verify together. A DSA key alone is refused too
 * ("the presence of OTRv3 public authentication DSA key means that the Transitional
 * signature is mandatory"); a signature alone cannot be checked and is let be.
 */
function transitionalProblem(profile: ClientProfile, math: ModPow): string | undefined {
  const { dsaKey, transitionalSignature, transitionallySigned } = profile;
  if (!dsaKey) return undefined;
  if (!transitionalSignature || !transitionallySigned) return 'a DSA key without a transitional signature';
  const keyProblem = peerPublicKeyProblem(dsaKey, math);
  if (keyProblem) return `the profile's DSA key: ${keyProblem}`;
  if (transitionalSignature.length !== 2 * signatureHalfBytes(dsaKey)) {
    return 'the transitional signature does not match the DSA key';
  }
  const sig = readSignature(new Reader(transitionalSignature), dsaKey);
  return dsaVerify(dsaKey, transitionalDigest(transitionallySigned), sig, math)
    ? undefined
    : 'the transitional signature is invalid';
}

export function validateClientProfile(profile: ClientProfile, expect: ProfileExpectations): ProfileVerdict {
  if (profile.signature.every((b) => b === 0)) return invalid('the profile has no signature');
  if (!eddsaVerify(profile.identityKey, signedPart(profile), profile.signature)) {
    return invalid('the profile signature is invalid');
  }
  if (profile.instanceTag !== expect.senderInstanceTag) {
    return invalid(`the profile is instance ${profile.instanceTag}'s, not the sender's (${expect.senderInstanceTag})`);
  }
  if (isExpired(profile.expires, expect.nowMs)) return invalid('the profile has expired');
  if (!profile.versions.includes('4')) return invalid('the profile does not offer version 4');
  // "Establishing Versions": strings with "1" or "2" are invalid (checked with step 5).
  if (/[12]/.test(profile.versions)) return invalid('the profile offers version 1 or 2');
  const identity = checkedKey(profile.identityKey, 'the Ed448 public key');
  if (typeof identity === 'string') return invalid(identity);
  const forging = checkedKey(profile.forgingKey, 'the forging key');
  if (typeof forging === 'string') return invalid(forging);
  const problem = transitionalProblem(profile, expect.math);
  return problem ? invalid(problem) : { valid: true, identity, forging };
}
