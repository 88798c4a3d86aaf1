import { hexToBytes as hex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import * as kdfModule from './kdf';
import { hcmac, hwc, kdf, USAGE_SSID } from './kdf';

describe('KDF, HWC and HCMAC', () => {
  it('derives the SSID known answer: KDF(0x04, 64 zero bytes, 8)', () => {
    expect(toHex(kdf(USAGE_SSID, 8, new Uint8Array(64)))).toBe('11eee5e1eb7e320a');
  });

  it('hashes values fed separately exactly as their concatenation', () => {
    const joined = kdf(0x07, 64, hex('0102030405'));
    expect(kdf(0x07, 64, hex('01'), hex('0203'), new Uint8Array(0), hex('0405'))).toEqual(joined);
  });

  it('returns the first n bytes of one SHAKE-256 output for any n', () => {
    const long = kdf(0x12, 128, hex('aa'));
    expect(kdf(0x12, 64, hex('aa'))).toEqual(long.subarray(0, 64));
    expect(kdf(0x12, 1, hex('aa'))).toEqual(long.subarray(0, 1));
  });

  it('separates usages: the same values under two usage IDs hash apart', () => {
    expect(kdf(0x13, 64, hex('00'))).not.toEqual(kdf(0x14, 64, hex('00')));
  });

  it('is the same function under the names HWC and HCMAC', () => {
    expect(hwc(0x18, 64, hex('01'))).toEqual(kdf(0x18, 64, hex('01')));
    expect(hcmac(0x11, 64, hex('01'))).toEqual(kdf(0x11, 64, hex('01')));
  });

  it('refuses a usage ID that is not one byte', () => {
    expect(() => kdf(0x100, 8)).toThrow(RangeError);
    expect(() => kdf(-1, 8)).toThrow(RangeError);
  });

  it("numbers the usage IDs 0x00-0x1A in the spec table's order", () => {
    const names = [
      'FINGERPRINT',
      'THIRD_BRACE_KEY',
      'BRACE_KEY',
      'SHARED_SECRET',
      'SSID',
      'AUTH_R_BOB_CLIENT_PROFILE',
      'AUTH_R_ALICE_CLIENT_PROFILE',
      'AUTH_R_PHI',
      'AUTH_I_BOB_CLIENT_PROFILE',
      'AUTH_I_ALICE_CLIENT_PROFILE',
      'AUTH_I_PHI',
      'FIRST_ROOT_KEY',
      'TMP_KEY',
      'AUTH_MAC_KEY',
      'NON_INT_AUTH_BOB_CLIENT_PROFILE',
      'NON_INT_AUTH_ALICE_CLIENT_PROFILE',
      'NON_INT_AUTH_PHI',
      'AUTH_MAC',
      'ROOT_KEY',
      'CHAIN_KEY',
      'NEXT_CHAIN_KEY',
      'MESSAGE_KEY',
      'MAC_KEY',
      'EXTRA_SYMM_KEY',
      'AUTHENTICATOR',
      'SMP_SECRET',
      'AUTH',
    ];
    const table = kdfModule as unknown as Record<string, number>;
    expect(names.map((n) => table[`USAGE_${n}`])).toEqual(names.map((_, i) => i));
  });
});
