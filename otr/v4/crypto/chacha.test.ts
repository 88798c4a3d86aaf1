import { hexToBytes } from '@noble/hashes/utils.js';
import { chacha20 } from '@noble/ciphers/chacha.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { chacha20Message } from './chacha';

// RFC 7539 appendix A.1, test vectors 1 and 2: the key stream of a zero key and zero nonce, blocks 0 and 1.
const BLOCK_0 =
  '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586';
const BLOCK_1 =
  '9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f';

describe('ChaCha20 for data messages', () => {
  it('uses the zero nonce and starts at block 0 (RFC 7539 A.1 vectors 1 and 2)', () => {
    expect(toHex(chacha20Message(new Uint8Array(32), new Uint8Array(128)))).toBe(BLOCK_0 + BLOCK_1);
  });

  it('keys with the first 32 bytes of the 64-byte MKenc only', () => {
    const mkEnc = new Uint8Array(64).fill(0xee);
    mkEnc.fill(0, 0, 32);
    expect(toHex(chacha20Message(mkEnc, new Uint8Array(64)))).toBe(BLOCK_0);
  });

  it('decrypts what it encrypts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 300 }), (key, m) => {
        expect(chacha20Message(key, chacha20Message(key, m))).toEqual(m);
      }),
    );
  });

  it('refuses an MKenc shorter than 32 bytes', () => {
    expect(() => chacha20Message(new Uint8Array(31), hexToBytes('00'))).toThrow(RangeError);
  });
});

describe('ChaCha20 written out', () => {
  it('agrees with @noble/ciphers for every length up to four blocks', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 3);
    for (let length = 0; length <= 260; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31) & 0xff);
      expect(chacha20Message(key, data)).toEqual(chacha20(key, new Uint8Array(12), data, undefined, 0));
    }
  });
});
