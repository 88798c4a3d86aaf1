import { describe, expect, it } from 'vitest';
import { kdf } from '../crypto/kdf';
import { TLV4_DISCONNECTED, TLV4_EXTRA_SYMMETRIC_KEY, TLV4_SMP1, TLV4_SMP3 } from '../wire/tlv';
import { derivedExtraKeys, MAX_DERIVED_EXTRA_KEYS } from './extra-key';

const key1 = new Uint8Array(64).fill(7);
const tlv7 = (...context: number[]) => ({ type: TLV4_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(...context, 0xee) });

describe('keys derived from the extra symmetric key', () => {
  it("follow the spec's example: KDF(index || context || previous key, 64) for each type 7 TLV", () => {
    const tlvs = [
      { type: TLV4_DISCONNECTED, value: new Uint8Array(0) },
      tlv7(0, 0, 0x00, 0x42),
      { type: TLV4_SMP1, value: new Uint8Array(0) },
      tlv7(0, 0, 0x10, 0x4a),
      { type: TLV4_SMP3, value: new Uint8Array(0) },
      tlv7(0, 0, 0x00, 0x01),
    ];
    const key2 = kdf(0x01, 64, Uint8Array.of(0, 0, 0x00, 0x42), key1);
    const key3 = kdf(0x03, 64, Uint8Array.of(0, 0, 0x10, 0x4a), key2);
    const key4 = kdf(0x05, 64, Uint8Array.of(0, 0, 0x00, 0x01), key3);
    expect(derivedExtraKeys(key1, tlvs)).toEqual([key2, key3, key4]);
  });

  it('take 4 zero bytes as the context of a TLV too short to carry one', () => {
    const [key] = derivedExtraKeys(key1, [{ type: TLV4_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(1, 2) }]);
    expect(key).toEqual(kdf(0x00, 64, new Uint8Array(4), key1));
  });

  it('stop at ten', () => {
    const tlvs = Array.from({ length: 12 }, () => tlv7(0, 0, 0, 1));
    expect(derivedExtraKeys(key1, tlvs)).toHaveLength(MAX_DERIVED_EXTRA_KEYS);
  });
});
