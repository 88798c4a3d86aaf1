import { bytesToNumberLE } from '@noble/curves/utils.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { smpContextsV4, SMP_SSID } from '../../test-support/v4-smp';
import { Q } from '../crypto/ed448';
import { smpSecretV4 } from './secret';

const { alice, bob } = smpContextsV4();

/** The spec's layout written out by hand, byte by byte ("Secret Information"). */
function byHand(initiator: Uint8Array, responder: Uint8Array, ssid: Uint8Array, secret: Uint8Array): bigint {
  const length = Uint8Array.of(0, 0, secret.length >> 8, secret.length & 0xff);
  const input = new Uint8Array([
    ...new TextEncoder().encode('OTRv4'),
    0x19, // usage_SMP_secret
    0x01, // version
    ...initiator,
    ...responder,
    ...ssid,
    ...length,
    ...secret,
  ]);
  const h = shake256(input, { dkLen: 57 });
  h[0] = (h[0] as number) & 0xfc;
  h[56] = 0;
  h[55] = (h[55] as number) | 0x80;
  return bytesToNumberLE(h) % Q;
}

describe('the SMP v4 secret', () => {
  it('is HWC(usage_SMP_secret || 1 || initiator fp || responder fp || SSID || DATA(secret), 57), pruned, mod q', () => {
    const expected = byHand(alice.ourFingerprint, bob.ourFingerprint, SMP_SSID, new TextEncoder().encode('pässword'));
    expect(smpSecretV4(alice, true, 'pässword')).toBe(expected);
  });

  it('is the same on both sides: the initiator is named first by each', () => {
    expect(smpSecretV4(alice, true, 'swordfish')).toBe(smpSecretV4(bob, false, 'swordfish'));
    expect(smpSecretV4(bob, true, 'swordfish')).toBe(smpSecretV4(alice, false, 'swordfish'));
  });

  it('depends on who initiated', () => {
    expect(smpSecretV4(alice, true, 'swordfish')).not.toBe(smpSecretV4(alice, false, 'swordfish'));
  });

  it('takes a trailing space as another secret', () => {
    expect(smpSecretV4(alice, true, 'swordfish ')).not.toBe(smpSecretV4(alice, true, 'swordfish'));
  });

  it('depends on the SSID', () => {
    const other = { ...alice, ssid: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) };
    expect(smpSecretV4(other, true, 'swordfish')).not.toBe(smpSecretV4(alice, true, 'swordfish'));
  });

  it('takes the empty secret as DATA of length 0', () => {
    expect(smpSecretV4(alice, true, '')).toBe(
      byHand(alice.ourFingerprint, bob.ourFingerprint, SMP_SSID, new Uint8Array(0)),
    );
  });

  it('refuses fingerprints other than 56 bytes and an SSID other than 8 bytes', () => {
    expect(() => smpSecretV4({ ...alice, ourFingerprint: new Uint8Array(20) }, true, 'x')).toThrow(RangeError);
    expect(() => smpSecretV4({ ...alice, theirFingerprint: new Uint8Array(57) }, true, 'x')).toThrow(RangeError);
    expect(() => smpSecretV4({ ...alice, ssid: new Uint8Array(32) }, true, 'x')).toThrow(RangeError);
  });
});
