import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes';
import { v4Identity, v4Profile } from '../test-support/v4-profiles';
import { fingerprintV4, formatFingerprintV4 } from './fingerprint';
import { ed448KeyPairFromSymKey } from './profile/keys';

// The known answer: sym_key 01 00*56 gives H; fingerprint of (H, F = H). Checked against an independent implementation.
const H =
  '0572c14cb1307744b92f3837f99639abbb20ffc471d89d9d545349dc700e0127491f061314faf89a85c70760bd0188a5669d1a4393f0834b80';
const FINGERPRINT =
  'ce12f421c2307c9c3d9c95091fe715f59212572f400ad2a68ce5885fbeb7c1647105fa6dbc2d9484397aa283dce1c51c6d3ee3c062026235';

describe('the v4 fingerprint', () => {
  it('reproduces the known answer: HWC(0x00 || 0x0010 || H || 0x0012 || F, 56), key types big-endian', () => {
    const symKey = new Uint8Array(57);
    symKey[0] = 1;
    const key = ed448KeyPairFromSymKey(symKey);
    expect(toHex(key.publicBytes)).toBe(H);
    expect(toHex(fingerprintV4(key.publicBytes, key.publicBytes))).toBe(FINGERPRINT);
  });

  it('depends on the forging key as well as the identity key', () => {
    const { identity, forging } = v4Identity('alice');
    expect(fingerprintV4(identity.publicBytes, forging.publicBytes)).not.toEqual(
      fingerprintV4(identity.publicBytes, identity.publicBytes),
    );
    const profile = v4Profile('alice');
    expect(fingerprintV4(profile.identityKey, profile.forgingKey)).toEqual(
      fingerprintV4(identity.publicBytes, forging.publicBytes),
    );
  });

  it('shows fourteen groups of eight upper-case hex digits', () => {
    const shown = formatFingerprintV4(hexToBytes(FINGERPRINT));
    expect(shown.split(' ')).toHaveLength(14);
    expect(shown.startsWith('CE12F421 C2307C9C 3D9C9509')).toBe(true);
    expect(shown.replaceAll(' ', '')).toBe(FINGERPRINT.toUpperCase());
  });

  it('refuses keys that are not 57-byte POINTs and fingerprints that are not 56 bytes', () => {
    expect(() => fingerprintV4(new Uint8Array(56), new Uint8Array(57))).toThrow(RangeError);
    expect(() => formatFingerprintV4(new Uint8Array(20))).toThrow(RangeError);
  });
});
