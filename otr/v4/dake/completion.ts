/**
 * What a completed interactive DAKE hands to the double ratchet ("Interactive
 * DAKE Overview": the Mixed shared secret K and the keys each side holds once
 * the first ephemeral keys have replaced the DAKE's, then "Initializes the
 * double-ratchet algorithm"). The contract between otr/v4/dake and
 * otr/v4/ratchet: neither imports the other's internals.
 */
import type { ClientProfile } from '../profile/client-profile';
import type { CurvePoint, EcdhKeyPair } from '../crypto/ed448';
import type { Dh3072KeyPair } from '../crypto/dh3072';

export interface DakeCompletion {
  /**
   * 'auth-i-sender' (Bob in the spec: sent the Identity and Auth-I messages) derives
   * the receiving chain from K, then ratchets to send; 'auth-r-sender' (Alice) derives
   * the sending chain from K.
   */
  role: 'auth-i-sender' | 'auth-r-sender';
  /** K, the Mixed shared secret (64 bytes), before the ratchet's first root key. */
  sharedSecret: Uint8Array;
  /** HWC(usage_SSID || K, 8). */
  ssid: Uint8Array;
  /** Our first ECDH and DH key pairs (our_ecdh_first, our_dh_first), now our_ecdh and our_dh. */
  ourEcdh: EcdhKeyPair;
  ourDh: Dh3072KeyPair;
  /** Their first ECDH and DH public values, already checked, now their_ecdh and their_dh. */
  theirEcdh: CurvePoint;
  theirDh: bigint;
  /** Their Client Profile, validated, with its long-term and forging keys. */
  theirProfile: ClientProfile;
  theirIdentity: CurvePoint;
  theirForging: CurvePoint;
}
