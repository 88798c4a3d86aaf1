/**
 * OTRv4's one hash ("Key Derivation Function, Hash Function and MAC Function"):
 * KDF, HWC and HCMAC are all SHAKE-256("OTRv4" || usage_ID || values, size), with
 * size in bytes. The three names are kept so that callers read like the spec.
 */
import { shake256Of } from './shake256';

// The usage IDs, in the order of the spec's table.
export const USAGE_FINGERPRINT = 0x00;
export const USAGE_THIRD_BRACE_KEY = 0x01;
export const USAGE_BRACE_KEY = 0x02;
export const USAGE_SHARED_SECRET = 0x03;
export const USAGE_SSID = 0x04;
export const USAGE_AUTH_R_BOB_CLIENT_PROFILE = 0x05;
export const USAGE_AUTH_R_ALICE_CLIENT_PROFILE = 0x06;
export const USAGE_AUTH_R_PHI = 0x07;
export const USAGE_AUTH_I_BOB_CLIENT_PROFILE = 0x08;
export const USAGE_AUTH_I_ALICE_CLIENT_PROFILE = 0x09;
export const USAGE_AUTH_I_PHI = 0x0a;
export const USAGE_FIRST_ROOT_KEY = 0x0b;
export const USAGE_TMP_KEY = 0x0c;
export const USAGE_AUTH_MAC_KEY = 0x0d;
export const USAGE_NON_INT_AUTH_BOB_CLIENT_PROFILE = 0x0e;
export const USAGE_NON_INT_AUTH_ALICE_CLIENT_PROFILE = 0x0f;
export const USAGE_NON_INT_AUTH_PHI = 0x10;
export const USAGE_AUTH_MAC = 0x11;
export const USAGE_ROOT_KEY = 0x12;
export const USAGE_CHAIN_KEY = 0x13;
export const USAGE_NEXT_CHAIN_KEY = 0x14;
export const USAGE_MESSAGE_KEY = 0x15;
export const USAGE_MAC_KEY = 0x16;
export const USAGE_EXTRA_SYMM_KEY = 0x17;
export const USAGE_AUTHENTICATOR = 0x18;
export const USAGE_SMP_SECRET = 0x19;
export const USAGE_AUTH = 0x1a;

/** "OTRv4" and a usage ID: the prefix of each usage, made once. */
const PREFIXES = Array.from({ length: 256 }, (_, usage) => Uint8Array.of(...new TextEncoder().encode('OTRv4'), usage));

/**
 * SHAKE-256("OTRv4" || usage || values..., size). The values are fed to the
 * sponge one after another, never concatenated into a new buffer first.
 */
export function kdf(usage: number, size: number, ...values: readonly Uint8Array[]): Uint8Array {
  if (!Number.isInteger(usage) || usage < 0 || usage > 0xff) throw new RangeError('a usage ID is one byte');
  return shake256Of(size, PREFIXES[usage] as Uint8Array, values);
}

/** Hash with context: the same function as KDF, named as the spec names it where it hashes. */
export const hwc = kdf;
/** Hash with context as a MAC: the same function as KDF, named as the spec names it where it MACs. */
export const hcmac = kdf;
