/**
 * The data message cipher ("When you send a Data Message", "When you receive a Data
 * Message"): ChaCha20 in its RFC 7539 (IETF) form, keyed with the first 32 bytes of
 * MKenc, with the nonce "set to 0" (12 zero bytes). Every MKenc encrypts one message
 * only, so the fixed nonce never repeats under one key.
 *
 * The spec gives no initial block counter; RFC 7539 section 2.4 leaves it to the
 * caller ("usually zero or one", one only to spare block 0 for a Poly1305 key, which
 * OTRv4 does not use). It starts at 0 here (see DECISIONS.md).
 */
import { chacha20 } from '@noble/ciphers/chacha.js';

export const CHACHA_KEY_BYTES = 32;
const ZERO_NONCE = new Uint8Array(12);

/** Chacha20_Enc(MKenc, nonce, m) and ChaCha20_Dec, which are the same XOR. `mkEnc` is at least 32 bytes. */
export function chacha20Message(mkEnc: Uint8Array, data: Uint8Array): Uint8Array {
  if (mkEnc.length < CHACHA_KEY_BYTES) throw new RangeError(`MKenc must hold at least ${CHACHA_KEY_BYTES} bytes`);
  return chacha20(mkEnc.subarray(0, CHACHA_KEY_BYTES), ZERO_NONCE, data, undefined, 0);
}
