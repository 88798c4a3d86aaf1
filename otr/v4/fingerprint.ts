/**
 * The OTRv4 fingerprint ("Public keys, Shared Prekeys, Forging keys and
 * Fingerprints"): HWC(usage_fingerprint || byte(H) || byte(F), 56), where byte(H) and
 * byte(F) are the ED448-PUBKEY and ED448-FORGING-KEY encodings, key type first. The
 * type is written big-endian (0x00 0x10, 0x00 0x12), the one reading that gives the
 * known answer (see DECISIONS.md). The spec gives no display form: like OTRv3's in
 * Pidgin, groups of eight upper-case hex digits (fourteen of them).
 */
import { formatFingerprint } from '../crypto/dsa';
import { hwc, USAGE_FINGERPRINT } from './crypto/kdf';
import { POINT_BYTES } from './crypto/ed448';
import { PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING } from './wire/codec';

export const FINGERPRINT_V4_BYTES = 56;

const typeBytes = (type: number): Uint8Array => Uint8Array.of(type >> 8, type & 0xff);
const ED448_TYPE = typeBytes(PUBKEY_TYPE_ED448);
const FORGING_TYPE = typeBytes(PUBKEY_TYPE_FORGING);

/** The 56-byte fingerprint of an identity key H and a forging key F, both as POINTs. */
export function fingerprintV4(identityKey: Uint8Array, forgingKey: Uint8Array): Uint8Array {
  if (identityKey.length !== POINT_BYTES || forgingKey.length !== POINT_BYTES) {
    throw new RangeError(`keys are ${POINT_BYTES}-byte POINTs`);
  }
  return hwc(USAGE_FINGERPRINT, FINGERPRINT_V4_BYTES, ED448_TYPE, identityKey, FORGING_TYPE, forgingKey);
}

/** "0572C14C B1307744 …": fourteen groups of eight upper-case hex digits. */
export function formatFingerprintV4(fingerprint: Uint8Array): string {
  if (fingerprint.length !== FINGERPRINT_V4_BYTES) throw new RangeError('a v4 fingerprint is 56 bytes');
  return formatFingerprint(fingerprint);
}
