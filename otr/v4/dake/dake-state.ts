/**
 * What the interactive DAKE's state machine works with ("Protocol States"): who we
 * are (the party), what each state keeps, and what each step returns. The states are
 * the DAKE's part of the protocol's: START, ENCRYPTED_MESSAGES and FINISHED are all
 * 'idle' here (an Identity message is handled alike in each), WAITING_AUTH_R and
 * WAITING_AUTH_I are the spec's.
 */
import { constantTimeEqual } from '../../bytes';
import type { OtrEnv } from '../../crypto/env';
import type { Dh3072KeyPair } from '../crypto/dh3072';
import { type CurvePoint, type EcdhKeyPair, encodePoint } from '../crypto/ed448';
import type { Ring } from '../crypto/rsig';
import type { ClientProfile } from '../profile/client-profile';
import type { Ed448KeyPair } from '../profile/keys';
import type { DakeCompletion } from './completion';
import type { PeerKeys } from './messages';
import type { FirstPublicKeys, PhiNames } from './phi';
import type { DakeSecret } from './shared-secret';

export interface DakeParty {
  readonly env: OtrEnv;
  /** Our current Client Profile, as published: its bytes go on the wire and into t. */
  readonly profile: ClientProfile;
  /** Our long-term key pair (H, sk_h): signs our side of the ring signatures. */
  readonly identity: Ed448KeyPair;
  /** Our forging public key F (its secret may be long gone): a ring member. */
  readonly forging: CurvePoint;
  readonly ourTag: number;
  /** The peer's instance tag if known (the receiver tag of our Identity message), else 0. */
  readonly theirTag?: number;
  /** phi': our name and theirs on the network (see phi.ts). */
  readonly names: PhiNames;
}

/** Our ephemeral keys of one DAKE message: the DAKE's own pair and the ratchet's first pair. */
export interface OurDakeKeys {
  /** y and Y (Bob) or x and X (Alice). */
  readonly ecdh: EcdhKeyPair;
  /** b and B (Bob) or a and A (Alice). */
  readonly dh: Dh3072KeyPair;
  readonly ecdhFirst: EcdhKeyPair;
  readonly dhFirst: Dh3072KeyPair;
}

export interface WaitingAuthR {
  readonly state: 'waiting-auth-r';
  readonly ours: OurDakeKeys;
  /** The profile our Identity message carried: Alice hashes that one into t, even if ours is renewed meanwhile. */
  readonly profile: ClientProfile;
  /** Sent again when our Identity message wins a crossing. */
  readonly identityMessage: Uint8Array;
  /** SHA-256 of MPI(B), for crossing Identity messages (DECISIONS.md D26). */
  readonly hashedB: Uint8Array;
}

/**
 * Alice after sending Auth-R. K is already computed and the DAKE keys x, a, Y and B
 * dropped ("Securely deletes ... Replaces them with ... first"); what is left is
 * what Auth-I is verified with and what completion hands on.
 */
export interface WaitingAuthI {
  readonly state: 'waiting-auth-i';
  /** The Identity message's sender: the only instance whose Auth-I we take. */
  readonly theirTag: number;
  readonly secret: DakeSecret;
  readonly ourFirst: { readonly ecdh: EcdhKeyPair; readonly dh: Dh3072KeyPair };
  readonly theirFirst: FirstPublicKeys;
  readonly theirProfile: ClientProfile;
  readonly peer: PeerKeys;
  /** {H_b, F_a, X} and the t of Auth-I, fixed when Auth-R was made. */
  readonly authIRing: Ring;
  readonly authIT: Uint8Array;
  /** The Identity message answered and our answer: the same Identity again gets the same Auth-R (DECISIONS.md D27). */
  readonly answered: Uint8Array;
  readonly authR: Uint8Array;
}

export type DakeState = { readonly state: 'idle' } | WaitingAuthR | WaitingAuthI;

export const DAKE_IDLE: DakeState = { state: 'idle' };

export interface DakeStep {
  readonly state: DakeState;
  /** An encoded DAKE message to send (the caller adds "?OTR:", base64 and fragments). */
  readonly send?: Uint8Array;
  /** The DAKE is complete: the double ratchet starts from this. */
  readonly complete?: DakeCompletion;
  /** Why a message was ignored, for logs and diagnostics; never shown as an error by itself. */
  readonly ignored?: string;
}

/**
 * A party whose profile is not its own would run DAKEs that every peer refuses (the
 * profile's tag is checked against our sender tag, its H and F are ring members): a
 * programming error, thrown, checked when we send our profile.
 */
export function checkParty(p: DakeParty): void {
  if (p.profile.instanceTag !== p.ourTag) throw new RangeError('our Client Profile names another instance tag');
  if (!constantTimeEqual(p.profile.identityKey, p.identity.publicBytes)) {
    throw new RangeError('our Client Profile has another long-term key');
  }
  if (!constantTimeEqual(p.profile.forgingKey, encodePoint(p.forging))) {
    throw new RangeError('our Client Profile has another forging key');
  }
}
