/**
 * OTRv4's TLV records ("TLV Record Types"): the same record as OTRv3's (type SHORT,
 * length SHORT, value) after the NUL of a data message's plaintext, so encoding and
 * decoding are otr/wire/tlv.ts's; only the type numbers differ (OTRv3's SMP1Q, 7, is
 * folded into SMP Message 1, and the extra symmetric key moves from 8 to 7).
 */
export { decodePlaintext, encodePlaintext, encodeTlvs, type Tlv } from '../../wire/tlv';

export const TLV4_PADDING = 0;
export const TLV4_DISCONNECTED = 1;
export const TLV4_SMP1 = 2;
export const TLV4_SMP2 = 3;
export const TLV4_SMP3 = 4;
export const TLV4_SMP4 = 5;
export const TLV4_SMP_ABORT = 6;
export const TLV4_EXTRA_SYMMETRIC_KEY = 7;

/**
 * Whether a plaintext carries a record of this type, without copying or decoding the
 * text. Records are read as decodePlaintext reads them, so a record after a corrupted
 * one is not seen ("stop processing it"), exactly as decodePlaintext would drop it.
 */
export function carriesTlv(plaintext: Uint8Array, type: number): boolean {
  let o = plaintext.indexOf(0);
  if (o < 0) return false;
  o += 1;
  while (plaintext.length - o >= 4) {
    const t = ((plaintext[o] as number) << 8) | (plaintext[o + 1] as number);
    const length = ((plaintext[o + 2] as number) << 8) | (plaintext[o + 3] as number);
    if (plaintext.length - o - 4 < length) return false;
    if (t === type) return true;
    o += 4 + length;
  }
  return false;
}
