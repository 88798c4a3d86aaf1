import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePublicKey } from '../../crypto/dsa';
import { ALICE_KEY } from '../../test-support/fixtures';
import { signedProfileBytes, v4Identity, v4Profile } from '../../test-support/v4-profiles';
import { WireError } from '../../wire/codec';
import { PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING, V4Reader, V4Writer } from '../wire/codec';
import {
  decodeClientProfile,
  FIELD_ED448_PUBKEY,
  FIELD_EXPIRATION,
  FIELD_FORGING_KEY,
  FIELD_INSTANCE_TAG,
  FIELD_VERSIONS,
  readClientProfile,
  signedPart,
} from './client-profile';

const alice = v4Identity('alice');
const profile = v4Profile('alice');
const compatible = v4Profile('alice', { versions: '34', transitional: { key: ALICE_KEY } });

const field = {
  tag: (v = 0x100) => [FIELD_INSTANCE_TAG, new V4Writer().int(v).finish()] as const,
  key: () =>
    [FIELD_ED448_PUBKEY, new V4Writer().typedKey(PUBKEY_TYPE_ED448, alice.identity.publicBytes).finish()] as const,
  forging: () =>
    [FIELD_FORGING_KEY, new V4Writer().typedKey(PUBKEY_TYPE_FORGING, alice.forging.publicBytes).finish()] as const,
  versions: (v = '4') => [FIELD_VERSIONS, new V4Writer().data(new TextEncoder().encode(v)).finish()] as const,
  expiry: (v = 2_000_000_000n) => [FIELD_EXPIRATION, new V4Writer().long(v).finish()] as const,
};
const allFields = () => [field.tag(), field.key(), field.forging(), field.versions(), field.expiry()];

function refused(bytes: Uint8Array, reason: RegExp): void {
  expect(() => decodeClientProfile(bytes)).toThrow(WireError);
  expect(() => decodeClientProfile(bytes)).toThrow(reason);
}

describe('Client Profile encoding', () => {
  it('encodes a v4-only profile in 263 bytes: five fields in type order, then the signature', () => {
    expect(profile.bytes).toHaveLength(263);
    expect(profile.bytes.subarray(0, 4)).toEqual(Uint8Array.of(0, 0, 0, 5));
    expect(profile.bytes.subarray(4, 10)).toEqual(Uint8Array.of(0, 1, 0, 0, 1, 0));
    expect(signedPart(profile)).toEqual(profile.bytes.subarray(0, 263 - 114));
  });

  it('reads back every field of the profile it made', () => {
    expect(profile.instanceTag).toBe(0x100);
    expect(profile.identityKey).toEqual(alice.identity.publicBytes);
    expect(profile.forgingKey).toEqual(alice.forging.publicBytes);
    expect(profile.versions).toBe('4');
    expect(profile.expires).toBe(1_700_000_000n + 7n * 24n * 3600n);
    expect(profile.dsaKey).toBeUndefined();
    expect(profile.transitionalSignature).toBeUndefined();
    expect(decodeClientProfile(profile.bytes)).toEqual(profile);
  });

  it('adds the DSA key and a 40-byte transitional signature over fields 1-6 in OTRv3-compatible mode', () => {
    expect(compatible.bytes.subarray(0, 4)).toEqual(Uint8Array.of(0, 0, 0, 7));
    expect(compatible.dsaKey).toEqual({ p: ALICE_KEY.p, q: ALICE_KEY.q, g: ALICE_KEY.g, y: ALICE_KEY.y });
    expect(compatible.transitionalSignature).toHaveLength(40);
    const fields = compatible.bytes.subarray(4, compatible.bytes.length - 114 - 2 - 40);
    expect(compatible.transitionallySigned).toEqual(fields);
    expect(fields.subarray(fields.length - encodePublicKey(ALICE_KEY).length - 2)).toEqual(
      Uint8Array.of(0, 6, ...encodePublicKey(ALICE_KEY)),
    );
    expect(decodeClientProfile(compatible.bytes)).toEqual(compatible);
  });

  it('can leave the DSA key out and keep the transitional signature', () => {
    const unpublished = v4Profile('alice', { versions: '43', transitional: { key: ALICE_KEY, publishKey: false } });
    expect(unpublished.bytes.subarray(0, 4)).toEqual(Uint8Array.of(0, 0, 0, 6));
    expect(unpublished.dsaKey).toBeUndefined();
    expect(unpublished.transitionalSignature).toHaveLength(40);
  });

  it('refuses to make a profile without version 4, with version 1 or 2, or with a reserved instance tag', () => {
    expect(() => v4Profile('alice', { versions: '3' })).toThrow(RangeError);
    expect(() => v4Profile('alice', { versions: '42' })).toThrow(RangeError);
    expect(() => v4Profile('alice', { instanceTag: 0xff })).toThrow(RangeError);
    expect(() => v4Profile('alice', { transitional: { key: ALICE_KEY } })).toThrow(RangeError);
  });

  it('reads a profile inside a longer message and stops at its end', () => {
    const r = new V4Reader(new V4Writer().byte(9).raw(profile.bytes).byte(7).finish());
    r.byte();
    expect(readClientProfile(r).bytes).toEqual(profile.bytes);
    expect(r.byte()).toBe(7);
  });

  it('accepts the fields in any order', () => {
    const decoded = decodeClientProfile(signedProfileBytes(alice.identity, allFields().reverse()));
    expect(decoded.versions).toBe('4');
    expect(decoded.expires).toBe(2_000_000_000n);
  });

  it('refuses a field twice, an unknown field, a missing field and more than seven fields', () => {
    refused(signedProfileBytes(alice.identity, [...allFields(), field.versions('3')]), /twice/);
    refused(signedProfileBytes(alice.identity, [...allFields(), [0x0008, new Uint8Array(4)]]), /unknown/);
    refused(signedProfileBytes(alice.identity, allFields().slice(1)), /owner instance tag/);
    const eight = new V4Writer().int(8).raw(profile.bytes.subarray(4)).finish();
    refused(eight, /at most 7/);
  });

  it('refuses trailing bytes and every truncation', () => {
    refused(Uint8Array.of(...profile.bytes, 0), /trailing/);
    for (let n = 0; n < profile.bytes.length; n += 7) refused(profile.bytes.subarray(0, n), /truncated/);
  });

  it('throws nothing but WireError on random bytes or on a profile with bytes changed', () => {
    const changed = fc.tuple(fc.nat(compatible.bytes.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
      const b = compatible.bytes.slice();
      b[at] = (b[at] as number) ^ x;
      return b;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), changed), (bytes) => {
        try {
          decodeClientProfile(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
