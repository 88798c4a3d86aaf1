/**
 * TLV records carried after the NUL in a data message's plaintext
 * (Protocol-v3, "Data Message"): type (SHORT), length (SHORT), value.
 */
export const TLV_PADDING = 0;
export const TLV_DISCONNECTED = 1;
export const TLV_SMP1 = 2;
export const TLV_SMP2 = 3;
export const TLV_SMP3 = 4;
export const TLV_SMP4 = 5;
export const TLV_SMP_ABORT = 6;
export const TLV_SMP1Q = 7;
export const TLV_EXTRA_SYMMETRIC_KEY = 8;

export interface Tlv {
  type: number;
  value: Uint8Array;
}

export function encodeTlvs(tlvs: readonly Tlv[]): Uint8Array {
  let length = 0;
  for (const t of tlvs) {
    if (t.value.length > 0xffff) throw new RangeError('a TLV value holds at most 65535 bytes');
    length += 4 + t.value.length;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const t of tlvs) {
    out[o++] = t.type >> 8;
    out[o++] = t.type & 0xff;
    out[o++] = t.value.length >> 8;
    out[o++] = t.value.length & 0xff;
    out.set(t.value, o);
    o += t.value.length;
  }
  return out;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** A data message plaintext: the human-readable part, then a NUL and TLVs. libotr always adds the NUL. */
export function encodePlaintext(text: string, tlvs: readonly Tlv[]): Uint8Array {
  const body = utf8.encode(text);
  const rest = encodeTlvs(tlvs);
  const out = new Uint8Array(body.length + 1 + rest.length);
  out.set(body, 0);
  out.set(rest, body.length + 1);
  return out;
}

/**
 * Splits at the first NUL. Invalid UTF-8 is replaced; malformed TLVs are dropped
 * and named in `malformed`, keeping the text and the TLVs that parsed before them.
 */
export function decodePlaintext(bytes: Uint8Array): { text: string; tlvs: Tlv[]; malformed?: string } {
  const nul = bytes.indexOf(0);
  if (nul < 0) return { text: utf8Decoder.decode(bytes), tlvs: [] };
  const text = utf8Decoder.decode(bytes.subarray(0, nul));
  const tlvs: Tlv[] = [];
  const rest = bytes.subarray(nul + 1);
  let o = 0;
  while (o < rest.length) {
    if (rest.length - o < 4) return { text, tlvs, malformed: 'a truncated TLV header' };
    const type = ((rest[o] as number) << 8) | (rest[o + 1] as number);
    const length = ((rest[o + 2] as number) << 8) | (rest[o + 3] as number);
    if (rest.length - o - 4 < length) return { text, tlvs, malformed: 'a truncated TLV value' };
    tlvs.push({ type, value: rest.slice(o + 4, o + 4 + length) });
    o += 4 + length;
  }
  return { text, tlvs };
}
