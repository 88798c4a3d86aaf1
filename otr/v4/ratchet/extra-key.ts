/**
 * Keys derived from a message's extra symmetric key, one per type 7 TLV ("Extra
 * Symmetric Key"): extra_sym_key_(n+1) = KDF(index || context || extra_sym_key_n, 64),
 * where index is the TLV's position in the message's TLV list (from 0) and context the
 * first 4 bytes of its value (4 zero bytes when it has fewer), as the spec's example
 * reads: index takes the place of the usage ID. At most 10 are derived ("only 10 extra
 * symmetric keys can be derived"); TLVs past the 10th, or at a position past 255, get
 * none. Each key is the caller's to wipe once used.
 */
import { kdf } from '../crypto/kdf';
import { EXTRA_KEY_BYTES } from './keys';
import { type Tlv, TLV4_EXTRA_SYMMETRIC_KEY } from '../wire/tlv';

export const MAX_DERIVED_EXTRA_KEYS = 10;
const CONTEXT_BYTES = 4;

/** The keys for the type 7 TLVs of `tlvs`, in their order. */
export function derivedExtraKeys(extraKey: Uint8Array, tlvs: readonly Tlv[]): Uint8Array[] {
  const keys: Uint8Array[] = [];
  let previous = extraKey;
  for (let index = 0; index < tlvs.length && index <= 0xff; index++) {
    const tlv = tlvs[index] as Tlv;
    if (tlv.type !== TLV4_EXTRA_SYMMETRIC_KEY) continue;
    if (keys.length === MAX_DERIVED_EXTRA_KEYS) break;
    const context = new Uint8Array(CONTEXT_BYTES);
    if (tlv.value.length >= CONTEXT_BYTES) context.set(tlv.value.subarray(0, CONTEXT_BYTES));
    previous = kdf(index, EXTRA_KEY_BYTES, context, previous);
    keys.push(previous);
  }
  return keys;
}
