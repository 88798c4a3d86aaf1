import { ed448 } from '@noble/curves/ed448.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePublicKey } from '../../crypto/dsa';
import { bigintModPowEngine } from '../../crypto/env';
import { ALICE_KEY, BOB_KEY } from '../../test-support/fixtures';
import { signedProfileBytes, v4Identity, v4Profile } from '../../test-support/v4-profiles';
import { encodePoint } from '../crypto/ed448';
import { PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING, V4Writer } from '../wire/codec';
import {
  type ClientProfile,
  decodeClientProfile,
  FIELD_DSA_PUBKEY,
  FIELD_ED448_PUBKEY,
  FIELD_EXPIRATION,
  FIELD_FORGING_KEY,
  FIELD_INSTANCE_TAG,
  FIELD_TRANSITIONAL_SIGNATURE,
  FIELD_VERSIONS,
} from './client-profile';
import { validateClientProfile } from './validate';

const NOW = 1_700_000_000_000;
const expect100 = { senderInstanceTag: 0x100, nowMs: NOW, math: bigintModPowEngine };
const alice = v4Identity('alice');
const profile = v4Profile('alice');
const compatible = v4Profile('alice', { versions: '34', transitional: { key: ALICE_KEY } });

const problem = (p: ClientProfile, expectations = expect100) => {
  const verdict = validateClientProfile(p, expectations);
  return verdict.valid ? undefined : verdict.problem;
};

const typed = (type: number, key: Uint8Array) => new V4Writer().typedKey(type, key).finish();
/** A profile of these fields, signed correctly by Alice's identity key. */
function signed(overrides: { [type: number]: Uint8Array | undefined } = {}, extra: [number, Uint8Array][] = []) {
  const fields: [number, Uint8Array | undefined][] = [
    [FIELD_INSTANCE_TAG, new V4Writer().int(0x100).finish()],
    [FIELD_ED448_PUBKEY, typed(PUBKEY_TYPE_ED448, alice.identity.publicBytes)],
    [FIELD_FORGING_KEY, typed(PUBKEY_TYPE_FORGING, alice.forging.publicBytes)],
    [FIELD_VERSIONS, new V4Writer().data(new TextEncoder().encode('4')).finish()],
    [FIELD_EXPIRATION, new V4Writer().long(BigInt(NOW / 1000 + 3600)).finish()],
  ];
  const chosen = fields.map(([t, v]) => [t, t in overrides ? overrides[t] : v] as const);
  const present = chosen.filter((f): f is readonly [number, Uint8Array] => f[1] !== undefined);
  return decodeClientProfile(signedProfileBytes(alice.identity, [...present, ...extra]));
}

describe('Client Profile validation', () => {
  it('accepts our fresh profile and gives its keys as checked points', () => {
    const verdict = validateClientProfile(profile, expect100);
    expect(verdict.valid).toBe(true);
    if (!verdict.valid) return;
    expect(encodePoint(verdict.identity)).toEqual(alice.identity.publicBytes);
    expect(encodePoint(verdict.forging)).toEqual(alice.forging.publicBytes);
  });

  it('accepts an OTRv3-compatible profile with a valid transitional signature', () => {
    expect(problem(compatible)).toBeUndefined();
  });

  it('refuses an empty (all-zero) signature first', () => {
    const bytes = profile.bytes.slice();
    bytes.fill(0, bytes.length - 114);
    expect(problem(decodeClientProfile(bytes), { ...expect100, senderInstanceTag: 0x999 })).toMatch(/no signature/);
  });

  it('refuses a change to any field or to the signature', () => {
    // Offsets into the v4-only layout: count 0-3, tag 4-9, H 10-70, F 71-131, versions 132-138, expiry 139-148.
    const dsaEnd = compatible.bytes.length - 114 - 42;
    const targets: [ClientProfile, number][] = [
      [profile, 9], // the owner instance tag
      [profile, 20], // H
      [profile, 80], // F
      [profile, 138], // the versions
      [profile, 148], // the expiry
      [profile, 200], // the signature
      [compatible, dsaEnd - 1], // the DSA key's y
      [compatible, dsaEnd + 10], // the transitional signature
    ];
    for (const [p, at] of targets) {
      const bytes = p.bytes.slice();
      bytes[at] = (bytes[at] as number) ^ 0x01;
      expect(problem(decodeClientProfile(bytes))).toMatch(/signature is invalid/);
    }
  });

  it('refuses every single-byte change that still decodes', () => {
    fc.assert(
      fc.property(fc.nat(compatible.bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const bytes = compatible.bytes.slice();
        bytes[at] = (bytes[at] as number) ^ x;
        let tampered: ClientProfile;
        try {
          tampered = decodeClientProfile(bytes);
        } catch {
          return;
        }
        expect(problem(tampered)).toBeDefined();
      }),
      { numRuns: 25 },
    );
  });

  it("refuses a profile whose owner is not the message's sender", () => {
    expect(problem(profile, { ...expect100, senderInstanceTag: 0x101 })).toMatch(/not the sender's/);
  });

  it('refuses an expired profile, from the second of its expiry on', () => {
    const atExpiry = Number(profile.expires) * 1000;
    expect(problem(profile, { ...expect100, nowMs: atExpiry - 1 })).toBeUndefined();
    expect(problem(profile, { ...expect100, nowMs: atExpiry })).toMatch(/expired/);
  });

  it('checks the instance tag before the expiry, as the spec orders them', () => {
    const later = { ...expect100, senderInstanceTag: 0x101, nowMs: NOW + 30 * 24 * 3600 * 1000 };
    expect(problem(profile, later)).toMatch(/not the sender's/);
  });

  it('refuses a profile without version 4, or with version 1 or 2', () => {
    const versions = (v: string) => new V4Writer().data(new TextEncoder().encode(v)).finish();
    expect(problem(signed({ [FIELD_VERSIONS]: versions('3') }))).toMatch(/version 4/);
    expect(problem(signed({ [FIELD_VERSIONS]: versions('24') }))).toMatch(/version 1 or 2/);
    expect(problem(signed({ [FIELD_VERSIONS]: versions('4x') }))).toBeUndefined();
  });

  it('refuses a forging key that is the identity or of small order', () => {
    const identity = ed448.Point.ZERO.toBytes();
    const order4 = new Uint8Array(57);
    for (const bad of [identity, order4]) {
      expect(problem(signed({ [FIELD_FORGING_KEY]: typed(PUBKEY_TYPE_FORGING, bad) }))).toMatch(/forging key/);
    }
  });

  it('refuses an identity key that is not a canonical point (its signature cannot verify)', () => {
    const high = alice.identity.publicBytes.slice();
    high[56] = (high[56] as number) | 1;
    const p = signed({ [FIELD_ED448_PUBKEY]: typed(PUBKEY_TYPE_ED448, high) });
    expect(problem(p)).toMatch(/signature is invalid/);
  });

  it('refuses a DSA key without a transitional signature', () => {
    const p = signed({}, [[FIELD_DSA_PUBKEY, encodePublicKey(ALICE_KEY)]]);
    expect(problem(p)).toMatch(/without a transitional signature/);
  });

  it('refuses a transitional signature by another DSA key, even under a valid Ed448 signature', () => {
    const sigField = compatible.transitionalSignature as Uint8Array;
    const p = signed({}, [
      [FIELD_DSA_PUBKEY, encodePublicKey(BOB_KEY)],
      [FIELD_TRANSITIONAL_SIGNATURE, sigField],
    ]);
    expect(problem(p)).toMatch(/transitional signature is invalid/);
  });

  it('refuses a DSA key whose parameters do not hold together', () => {
    const broken = { ...ALICE_KEY, q: ALICE_KEY.q + 2n };
    const p = signed({}, [
      [FIELD_DSA_PUBKEY, encodePublicKey(broken)],
      [FIELD_TRANSITIONAL_SIGNATURE, compatible.transitionalSignature as Uint8Array],
    ]);
    expect(problem(p)).toMatch(/DSA key/);
  });
});
