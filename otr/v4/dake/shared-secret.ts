/**
 * The DAKE's Mixed shared secret K and the SSID ("Interactive DAKE Overview",
 * "Shared Secrets", "Secure Session ID"):
 *
 *   K_ecdh = ECDH(our_ecdh.secret, their_ecdh)            (a POINT)
 *   k_dh = DH(our_dh.secret, their_dh)                     (minimal big-endian)
 *   brace_key = KDF(usage_third_brace_key || k_dh, 32)
 *   K = KDF(usage_shared_secret || K_ecdh || brace_key, 64)
 *   SSID = HWC(usage_SSID || K, 8)
 *
 * computed from the DAKE's ephemeral keys (x/y and a/b), which the caller then drops
 * for the first keys ("Replaces them with ... our_ecdh_first"). The intermediate byte
 * secrets are overwritten here once used ("Securely deletes k_dh", "K_ecdh and
 * brace_key"); BigInt secrets cannot be wiped in JavaScript (SECURITY_ASSUMPTIONS.md).
 */
import type { ModPow } from '../../crypto/env';
import { dhSharedSecret } from '../crypto/dh3072';
import { type CurvePoint, ecdh } from '../crypto/ed448';
import { hwc, kdf, USAGE_SHARED_SECRET, USAGE_SSID, USAGE_THIRD_BRACE_KEY } from '../crypto/kdf';

export const BRACE_KEY_BYTES = 32;
export const SHARED_SECRET_BYTES = 64;
export const SSID_BYTES = 8;

export interface DakeSecret {
  /** K, the Mixed shared secret. */
  readonly sharedSecret: Uint8Array;
  readonly ssid: Uint8Array;
}

/** K from K_ecdh and k_dh; both inputs and the brace key are overwritten with zeros. */
export function mixSharedSecret(kEcdh: Uint8Array, kDh: Uint8Array): Uint8Array {
  const braceKey = kdf(USAGE_THIRD_BRACE_KEY, BRACE_KEY_BYTES, kDh);
  kDh.fill(0);
  const k = kdf(USAGE_SHARED_SECRET, SHARED_SECRET_BYTES, kEcdh, braceKey);
  kEcdh.fill(0);
  braceKey.fill(0);
  return k;
}

export function secureSessionId(sharedSecret: Uint8Array): Uint8Array {
  return hwc(USAGE_SSID, SSID_BYTES, sharedSecret);
}

/**
 * K and the SSID from our DAKE secrets (x or y, a or b) and their DAKE public values
 * (Y or X, B or A), both already checked on receipt. One ECDH and one 3072-bit
 * exponentiation, through the injected ModPow.
 */
export function dakeSharedSecret(
  ours: { readonly ecdhSecret: bigint; readonly dhSecret: bigint },
  theirs: { readonly ecdh: CurvePoint; readonly dh: bigint },
  math: ModPow,
): DakeSecret {
  const sharedSecret = mixSharedSecret(
    ecdh(ours.ecdhSecret, theirs.ecdh),
    dhSharedSecret(ours.dhSecret, theirs.dh, math),
  );
  return { sharedSecret, ssid: secureSessionId(sharedSecret) };
}
