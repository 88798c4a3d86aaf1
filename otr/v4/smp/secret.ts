/**
 * The secret the SMP compares (Socialist Millionaires Protocol, "Secret
 * Information"):
 *
 *   x or y = HWC(usage_SMP_secret || version || Initiator fingerprint ||
 *                Responder fingerprint || SSID || User-specified secret, 57)
 *
 * with the version BYTE 1, both 56-byte v4 fingerprints, the 8-byte SSID and the
 * user's text as DATA (a 4-byte length, then its UTF-8). The digest is then pruned
 * as "Considerations while working with elliptic curve parameters" says, read
 * little-endian and used mod q, as every formula that takes it does ("y mod q").
 * Binding both fingerprints and the SSID means a man in the middle, who holds a
 * different session with each side, cannot make the values match even when he
 * knows the users' secret (see DECISIONS.md, SMP, for the pruning and the DATA).
 *
 * The user's text is taken byte for byte: trimming or normalizing answers is the
 * application's choice, and both sides must make it.
 */
import { bytesToNumberLE } from '@noble/curves/utils.js';
import type { SmpParties } from '../../smp/smp-secret';
import { Writer } from '../../wire/codec';
import { Q, SCALAR_BYTES } from '../crypto/ed448';
import { hwc, USAGE_SMP_SECRET } from '../crypto/kdf';
import { FINGERPRINT_V4_BYTES } from '../fingerprint';

/** "The version described here is 1." */
export const SMP_SECRET_VERSION = 1;
export const SSID_BYTES = 8;

const utf8 = new TextEncoder();

/**
 * The pruning of "Considerations while working with elliptic curve parameters":
 * the two low bits of the first byte cleared, the last byte cleared, the top bit
 * of the second-to-last byte set. The same bits ed448.ts's randomScalar prunes.
 */
function prune(h: Uint8Array): Uint8Array {
  h[0] = (h[0] as number) & 0xfc;
  h[SCALAR_BYTES - 1] = 0;
  h[SCALAR_BYTES - 2] = (h[SCALAR_BYTES - 2] as number) | 0x80;
  return h;
}

/**
 * x (when we began the SMP) or y (when we answer), in [0, q). Throws RangeError
 * for fingerprints or an SSID of the wrong size: the caller's mistake, never the
 * wire's (both come from our own DAKE).
 */
export function smpSecretV4(parties: SmpParties, weInitiated: boolean, userSecret: string): bigint {
  const { ourFingerprint, theirFingerprint, ssid } = parties;
  if (ourFingerprint.length !== FINGERPRINT_V4_BYTES || theirFingerprint.length !== FINGERPRINT_V4_BYTES)
    throw new RangeError(`an SMP v4 secret takes ${FINGERPRINT_V4_BYTES}-byte fingerprints`);
  if (ssid.length !== SSID_BYTES) throw new RangeError(`an SMP v4 secret takes an ${SSID_BYTES}-byte SSID`);
  const [initiator, responder] = weInitiated ? [ourFingerprint, theirFingerprint] : [theirFingerprint, ourFingerprint];
  const secret = new Writer().data(utf8.encode(userSecret)).finish();
  const h = hwc(USAGE_SMP_SECRET, SCALAR_BYTES, Uint8Array.of(SMP_SECRET_VERSION), initiator, responder, ssid, secret);
  return bytesToNumberLE(prune(h)) % Q;
}
