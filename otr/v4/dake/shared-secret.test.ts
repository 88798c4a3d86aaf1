import { hexToBytes as hex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { bigintModPow, bigintToBytes } from '../../crypto/bigint';
import { bigintModPowEngine } from '../../crypto/env';
import { seededRandom } from '../../test-support/fixtures';
import { DH3072_PRIME, generateDH } from '../crypto/dh3072';
import { generateECDH } from '../crypto/ed448';
import { kdf, USAGE_SHARED_SECRET } from '../crypto/kdf';
import { dakeSharedSecret, mixSharedSecret, secureSessionId } from './shared-secret';

const math = bigintModPowEngine;

describe('the Mixed shared secret K and the SSID', () => {
  it('takes the brace key as KDF(0x01, k_dh, 32): the libotr-ng known answer', () => {
    // notes, known answer 2: k_dh = (2^(2^32) mod p)^(2^33) mod p, minimal big-endian.
    const kDh = bigintToBytes(bigintModPow(bigintModPow(2n, 1n << 32n, DH3072_PRIME), 1n << 33n, DH3072_PRIME));
    const braceKey = hex('5ee51ae489840da554823729df0ccaffdd6d0a1050795f0d454f154b711fbc22');
    const kEcdh = new Uint8Array(57).fill(7);
    const expected = kdf(USAGE_SHARED_SECRET, 64, kEcdh, braceKey);
    expect(mixSharedSecret(kEcdh.slice(), kDh)).toEqual(expected);
  });

  it('overwrites K_ecdh and k_dh with zeros once used', () => {
    const kEcdh = new Uint8Array(57).fill(1);
    const kDh = new Uint8Array(384).fill(2);
    mixSharedSecret(kEcdh, kDh);
    expect(kEcdh.every((b) => b === 0)).toBe(true);
    expect(kDh.every((b) => b === 0)).toBe(true);
  });

  it('derives the SSID known answer: HWC(0x04, 64 zero bytes, 8)', () => {
    expect(toHex(secureSessionId(new Uint8Array(64)))).toBe('11eee5e1eb7e320a');
  });

  it('gives both sides the same K and SSID', () => {
    const random = seededRandom('shared-secret');
    const [x, y] = [generateECDH(random), generateECDH(random)];
    const [a, b] = [generateDH(random, math), generateDH(random, math)];
    const alice = dakeSharedSecret(
      { ecdhSecret: x.secret, dhSecret: a.secret },
      { ecdh: y.public, dh: b.public },
      math,
    );
    const bob = dakeSharedSecret({ ecdhSecret: y.secret, dhSecret: b.secret }, { ecdh: x.public, dh: a.public }, math);
    expect(alice.sharedSecret).toHaveLength(64);
    expect(toHex(alice.sharedSecret)).toBe(toHex(bob.sharedSecret));
    expect(toHex(alice.ssid)).toBe(toHex(secureSessionId(bob.sharedSecret)));
  });
});
