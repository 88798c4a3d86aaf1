/**
 * The secret the SMP compares (Protocol-v3, "Secret information"): SHA-256 of
 * the version byte 1, the initiator's fingerprint, the responder's fingerprint,
 * the secure session id and the user's secret as UTF-8. Binding both
 * fingerprints and the ssid means a man in the middle, who holds different
 * keys and a different session with each side, can never make the values
 * match, even when he knows the users' secret.
 *
 * The user's text is taken byte for byte, as libotr takes it: trimming or
 * normalizing answers is the application's choice, and both sides must make it.
 */
import { concatBytes } from '../bytes';
import { bytesToBigint } from '../crypto/bigint';
import { sha256 } from '../crypto/primitives';

export const SMP_VERSION = 1;

const utf8 = new TextEncoder();

export interface SmpParties {
  ourFingerprint: Uint8Array;
  theirFingerprint: Uint8Array;
  ssid: Uint8Array;
}

export function smpSecret(parties: SmpParties, weInitiated: boolean, userSecret: string): bigint {
  const [initiator, responder] = weInitiated
    ? [parties.ourFingerprint, parties.theirFingerprint]
    : [parties.theirFingerprint, parties.ourFingerprint];
  return bytesToBigint(
    sha256(concatBytes(Uint8Array.of(SMP_VERSION), initiator, responder, parties.ssid, utf8.encode(userSecret))),
  );
}
