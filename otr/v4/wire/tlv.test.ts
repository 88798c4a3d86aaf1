import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as v3 from '../../wire/tlv';
import {
  carriesTlv,
  decodePlaintext,
  encodePlaintext,
  TLV4_DISCONNECTED,
  TLV4_EXTRA_SYMMETRIC_KEY,
  TLV4_PADDING,
  TLV4_SMP1,
  TLV4_SMP_ABORT,
} from './tlv';

describe('v4 TLVs', () => {
  it("number the types as the spec's table: 0 padding, 1 disconnected, 2-5 SMP, 6 abort, 7 extra key", () => {
    expect([TLV4_PADDING, TLV4_DISCONNECTED, TLV4_SMP1, TLV4_SMP_ABORT, TLV4_EXTRA_SYMMETRIC_KEY]).toEqual([
      0, 1, 2, 6, 7,
    ]);
  });

  it("are OTRv3's records: the same encoder and decoder", () => {
    expect(encodePlaintext).toBe(v3.encodePlaintext);
    expect(decodePlaintext).toBe(v3.decodePlaintext);
  });

  it('tell whether a plaintext carries a type exactly as decodePlaintext finds it, corrupted records included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (bytes, type) => {
        expect(carriesTlv(bytes, type)).toBe(decodePlaintext(bytes).tlvs.some((t) => t.type === type));
      }),
      { seed: 7, numRuns: 2000 },
    );
    const withKey = encodePlaintext('hi', [
      { type: TLV4_PADDING, value: new Uint8Array(3) },
      { type: TLV4_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(0, 0, 0, 1) },
    ]);
    expect(carriesTlv(withKey, TLV4_EXTRA_SYMMETRIC_KEY)).toBe(true);
    expect(carriesTlv(withKey.subarray(0, withKey.length - 1), TLV4_EXTRA_SYMMETRIC_KEY)).toBe(false);
    expect(carriesTlv(new TextEncoder().encode('no NUL'), TLV4_PADDING)).toBe(false);
  });
});
