/**
 * The double ratchet's key derivations, each named as the spec names it ("Key
 * Management": "Shared Secrets", "Deriving Double Ratchet Keys", "Calculating
 * Encryption and MAC Keys"; "When you send a Data Message" for the next chain key and
 * the extra symmetric key). Every output is a fresh array the caller may wipe.
 */
import {
  hcmac,
  kdf,
  USAGE_AUTHENTICATOR,
  USAGE_BRACE_KEY,
  USAGE_CHAIN_KEY,
  USAGE_EXTRA_SYMM_KEY,
  USAGE_FIRST_ROOT_KEY,
  USAGE_MAC_KEY,
  USAGE_MESSAGE_KEY,
  USAGE_NEXT_CHAIN_KEY,
  USAGE_ROOT_KEY,
  USAGE_SHARED_SECRET,
  USAGE_THIRD_BRACE_KEY,
} from '../crypto/kdf';

export const ROOT_KEY_BYTES = 64;
export const CHAIN_KEY_BYTES = 64;
export const MESSAGE_KEY_BYTES = 64;
export const BRACE_KEY_BYTES = 32;
export const SHARED_SECRET_BYTES = 64;
export const EXTRA_KEY_BYTES = 64;
export const AUTHENTICATOR_BYTES = 64;

const FF = Uint8Array.of(0xff);

/** prev_root_key = KDF(usage_first_root_key || K, 64) ("Interactive DAKE Overview"). */
export function firstRootKey(k: Uint8Array): Uint8Array {
  return kdf(USAGE_FIRST_ROOT_KEY, ROOT_KEY_BYTES, k);
}

/** brace_key = KDF(usage_third_brace_key || k_dh, 32): a ratchet with a new DH key. */
export function braceKeyFromDh(kDh: Uint8Array): Uint8Array {
  return kdf(USAGE_THIRD_BRACE_KEY, BRACE_KEY_BYTES, kDh);
}

/** brace_key = KDF(usage_brace_key || brace_key, 32): the two ratchets between new DH keys. */
export function nextBraceKey(braceKey: Uint8Array): Uint8Array {
  return kdf(USAGE_BRACE_KEY, BRACE_KEY_BYTES, braceKey);
}

/** K = KDF(usage_shared_secret || K_ecdh || brace_key, 64). */
export function mixedSharedSecret(kEcdh: Uint8Array, braceKey: Uint8Array): Uint8Array {
  return kdf(USAGE_SHARED_SECRET, SHARED_SECRET_BYTES, kEcdh, braceKey);
}

/**
 * derive_ratchet_keys(purpose, prev_root_key, K): curr_root_key =
 * KDF(usage_root_key || prev_root_key || K, 64) and the chain key
 * KDF(usage_chain_key || prev_root_key || K, 64), whether sending or receiving.
 */
export function deriveRatchetKeys(
  prevRootKey: Uint8Array,
  k: Uint8Array,
): { rootKey: Uint8Array; chainKey: Uint8Array } {
  return {
    rootKey: kdf(USAGE_ROOT_KEY, ROOT_KEY_BYTES, prevRootKey, k),
    chainKey: kdf(USAGE_CHAIN_KEY, CHAIN_KEY_BYTES, prevRootKey, k),
  };
}

/** chain_key[l+1] = KDF(usage_next_chain_key || chain_key[l], 64). */
export function nextChainKey(chainKey: Uint8Array): Uint8Array {
  return kdf(USAGE_NEXT_CHAIN_KEY, CHAIN_KEY_BYTES, chainKey);
}

/** MKenc = KDF(usage_message_key || chain_key, 64), the first half of derive_enc_mac_keys. */
export function messageKey(chainKey: Uint8Array): Uint8Array {
  return kdf(USAGE_MESSAGE_KEY, MESSAGE_KEY_BYTES, chainKey);
}

/** MKmac = KDF(usage_MAC_key || MKenc, 64), the second half of derive_enc_mac_keys. */
export function macKey(mkEnc: Uint8Array): Uint8Array {
  return kdf(USAGE_MAC_KEY, MESSAGE_KEY_BYTES, mkEnc);
}

/** extra_symm_key = KDF(usage_extra_symm_key || 0xFF || chain_key, 64) ("Extra Symmetric Key"). */
export function extraSymmetricKey(chainKey: Uint8Array): Uint8Array {
  return kdf(USAGE_EXTRA_SYMM_KEY, EXTRA_KEY_BYTES, FF, chainKey);
}

/** Authenticator = HCMAC(usage_authenticator || MKmac || data_message_sections, 64). */
export function authenticator(mkMac: Uint8Array, sections: Uint8Array): Uint8Array {
  return hcmac(USAGE_AUTHENTICATOR, AUTHENTICATOR_BYTES, mkMac, sections);
}

/** Overwrites a key no longer needed ("securely delete"): as much as JavaScript allows (SECURITY_ASSUMPTIONS.md). */
export function wipe(...keys: (Uint8Array | undefined)[]): void {
  for (const key of keys) key?.fill(0);
}
