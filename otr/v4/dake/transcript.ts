/**
 * The values t that the DAKE's ring signatures sign ("Auth-R Message", "Auth-I
 * Message"):
 *
 *   t = 0x0 || HWC(usage_auth_r_bob_client_profile || Bobs_Client_Profile, 64)
 *           || HWC(usage_auth_r_alice_client_profile || Alices_Client_Profile, 64)
 *           || Y || X || B || A || HWC(usage_auth_r_phi || phi, 64)
 *
 * and the same with 0x1 and the usage_auth_i_* IDs for Auth-I. Profiles are hashed as
 * they travelled (CLIENT-PROF bytes, never re-encoded); Y and X are POINTs; B and A
 * are MPIs, their encoding on the wire (DECISIONS.md D25). Both sides need
 * both values at one moment (Alice when she sends Auth-R, Bob when he receives it), so
 * one call makes both.
 */
import { concatBytes } from '../../bytes';
import type { CurvePoint } from '../crypto/ed448';
import {
  hwc,
  USAGE_AUTH_I_ALICE_CLIENT_PROFILE,
  USAGE_AUTH_I_BOB_CLIENT_PROFILE,
  USAGE_AUTH_I_PHI,
  USAGE_AUTH_R_ALICE_CLIENT_PROFILE,
  USAGE_AUTH_R_BOB_CLIENT_PROFILE,
  USAGE_AUTH_R_PHI,
} from '../crypto/kdf';
import { V4Writer } from '../wire/codec';

/** The size of each HWC inside t. */
export const T_HASH_BYTES = 64;

export interface TranscriptInputs {
  /** Bob sent the Identity message (Y, B); Alice the Auth-R message (X, A). */
  readonly bobProfile: Uint8Array;
  readonly aliceProfile: Uint8Array;
  readonly y: CurvePoint;
  readonly x: CurvePoint;
  readonly b: bigint;
  readonly a: bigint;
  /** Φ, from sharedSessionState(). */
  readonly phi: Uint8Array;
}

export interface Transcripts {
  /** What Alice signs in Auth-R. */
  readonly authR: Uint8Array;
  /** What Bob signs in Auth-I. */
  readonly authI: Uint8Array;
}

export function dakeTranscripts(p: TranscriptInputs): Transcripts {
  // Y || X || B || A is common to both: encoded once.
  const keys = new V4Writer().point(p.y).point(p.x).mpi(p.b).mpi(p.a).finish();
  const t = (first: number, bobUsage: number, aliceUsage: number, phiUsage: number) =>
    concatBytes(
      Uint8Array.of(first),
      hwc(bobUsage, T_HASH_BYTES, p.bobProfile),
      hwc(aliceUsage, T_HASH_BYTES, p.aliceProfile),
      keys,
      hwc(phiUsage, T_HASH_BYTES, p.phi),
    );
  return {
    authR: t(0x00, USAGE_AUTH_R_BOB_CLIENT_PROFILE, USAGE_AUTH_R_ALICE_CLIENT_PROFILE, USAGE_AUTH_R_PHI),
    authI: t(0x01, USAGE_AUTH_I_BOB_CLIENT_PROFILE, USAGE_AUTH_I_ALICE_CLIENT_PROFILE, USAGE_AUTH_I_PHI),
  };
}
