/**
 * The data message cipher ("When you send a Data Message", "When you receive a Data
 * Message"): ChaCha20 in its RFC 7539 (IETF) form, keyed with the first 32 bytes of
 * MKenc, with the nonce "set to 0" (12 zero bytes). Every MKenc encrypts one message
 * only, so the fixed nonce never repeats under one key.
 *
 * The spec gives no initial block counter; RFC 7539 section 2.4 leaves it to the
 * caller ("usually zero or one", one only to spare block 0 for a Poly1305 key, which
 * OTRv4 does not use). It starts at 0 here (see DECISIONS.md).
 *
 * The block function (RFC 7539 section 2.3) is written out on local variables: each
 * message has its own key, so the key setup of a general library cost more than the
 * encryption of a short message. chacha.test.ts checks it against RFC 7539's vectors
 * and @noble/ciphers.
 */

export const CHACHA_KEY_BYTES = 32;

const word = (b: Uint8Array, o: number): number =>
  (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24);

/** Chacha20_Enc(MKenc, nonce, m) and ChaCha20_Dec, which are the same XOR. `mkEnc` is at least 32 bytes. */
export function chacha20Message(mkEnc: Uint8Array, data: Uint8Array): Uint8Array {
  if (mkEnc.length < CHACHA_KEY_BYTES) throw new RangeError(`MKenc must hold at least ${CHACHA_KEY_BYTES} bytes`);
  const out = new Uint8Array(data.length);
  const k = Array.from({ length: 8 }, (_, i) => word(mkEnc, 4 * i));
  const [k0, k1, k2, k3, k4, k5, k6, k7] = k as [number, number, number, number, number, number, number, number];
  const block = new Int32Array(16);
  for (let offset = 0, counter = 0; offset < data.length; offset += 64, counter++) {
    let x0 = 0x61707865,
      x1 = 0x3320646e,
      x2 = 0x79622d32,
      x3 = 0x6b206574;
    let x4 = k0,
      x5 = k1,
      x6 = k2,
      x7 = k3,
      x8 = k4,
      x9 = k5,
      x10 = k6,
      x11 = k7;
    // Block counter, then the three zero words of the nonce.
    let x12 = counter,
      x13 = 0,
      x14 = 0,
      x15 = 0;
    for (let round = 0; round < 10; round++) {
      x0 = (x0 + x4) | 0;
      x12 ^= x0;
      x12 = (x12 << 16) | (x12 >>> 16);
      x8 = (x8 + x12) | 0;
      x4 ^= x8;
      x4 = (x4 << 12) | (x4 >>> 20);
      x0 = (x0 + x4) | 0;
      x12 ^= x0;
      x12 = (x12 << 8) | (x12 >>> 24);
      x8 = (x8 + x12) | 0;
      x4 ^= x8;
      x4 = (x4 << 7) | (x4 >>> 25);
      x1 = (x1 + x5) | 0;
      x13 ^= x1;
      x13 = (x13 << 16) | (x13 >>> 16);
      x9 = (x9 + x13) | 0;
      x5 ^= x9;
      x5 = (x5 << 12) | (x5 >>> 20);
      x1 = (x1 + x5) | 0;
      x13 ^= x1;
      x13 = (x13 << 8) | (x13 >>> 24);
      x9 = (x9 + x13) | 0;
      x5 ^= x9;
      x5 = (x5 << 7) | (x5 >>> 25);
      x2 = (x2 + x6) | 0;
      x14 ^= x2;
      x14 = (x14 << 16) | (x14 >>> 16);
      x10 = (x10 + x14) | 0;
      x6 ^= x10;
      x6 = (x6 << 12) | (x6 >>> 20);
      x2 = (x2 + x6) | 0;
      x14 ^= x2;
      x14 = (x14 << 8) | (x14 >>> 24);
      x10 = (x10 + x14) | 0;
      x6 ^= x10;
      x6 = (x6 << 7) | (x6 >>> 25);
      x3 = (x3 + x7) | 0;
      x15 ^= x3;
      x15 = (x15 << 16) | (x15 >>> 16);
      x11 = (x11 + x15) | 0;
      x7 ^= x11;
      x7 = (x7 << 12) | (x7 >>> 20);
      x3 = (x3 + x7) | 0;
      x15 ^= x3;
      x15 = (x15 << 8) | (x15 >>> 24);
      x11 = (x11 + x15) | 0;
      x7 ^= x11;
      x7 = (x7 << 7) | (x7 >>> 25);
      x0 = (x0 + x5) | 0;
      x15 ^= x0;
      x15 = (x15 << 16) | (x15 >>> 16);
      x10 = (x10 + x15) | 0;
      x5 ^= x10;
      x5 = (x5 << 12) | (x5 >>> 20);
      x0 = (x0 + x5) | 0;
      x15 ^= x0;
      x15 = (x15 << 8) | (x15 >>> 24);
      x10 = (x10 + x15) | 0;
      x5 ^= x10;
      x5 = (x5 << 7) | (x5 >>> 25);
      x1 = (x1 + x6) | 0;
      x12 ^= x1;
      x12 = (x12 << 16) | (x12 >>> 16);
      x11 = (x11 + x12) | 0;
      x6 ^= x11;
      x6 = (x6 << 12) | (x6 >>> 20);
      x1 = (x1 + x6) | 0;
      x12 ^= x1;
      x12 = (x12 << 8) | (x12 >>> 24);
      x11 = (x11 + x12) | 0;
      x6 ^= x11;
      x6 = (x6 << 7) | (x6 >>> 25);
      x2 = (x2 + x7) | 0;
      x13 ^= x2;
      x13 = (x13 << 16) | (x13 >>> 16);
      x8 = (x8 + x13) | 0;
      x7 ^= x8;
      x7 = (x7 << 12) | (x7 >>> 20);
      x2 = (x2 + x7) | 0;
      x13 ^= x2;
      x13 = (x13 << 8) | (x13 >>> 24);
      x8 = (x8 + x13) | 0;
      x7 ^= x8;
      x7 = (x7 << 7) | (x7 >>> 25);
      x3 = (x3 + x4) | 0;
      x14 ^= x3;
      x14 = (x14 << 16) | (x14 >>> 16);
      x9 = (x9 + x14) | 0;
      x4 ^= x9;
      x4 = (x4 << 12) | (x4 >>> 20);
      x3 = (x3 + x4) | 0;
      x14 ^= x3;
      x14 = (x14 << 8) | (x14 >>> 24);
      x9 = (x9 + x14) | 0;
      x4 ^= x9;
      x4 = (x4 << 7) | (x4 >>> 25);
    }
    block[0] = x0 + 0x61707865;
    block[1] = x1 + 0x3320646e;
    block[2] = x2 + 0x79622d32;
    block[3] = x3 + 0x6b206574;
    block[4] = x4 + k0;
    block[5] = x5 + k1;
    block[6] = x6 + k2;
    block[7] = x7 + k3;
    block[8] = x8 + k4;
    block[9] = x9 + k5;
    block[10] = x10 + k6;
    block[11] = x11 + k7;
    block[12] = x12 + counter;
    block[13] = x13;
    block[14] = x14;
    block[15] = x15;
    const end = Math.min(64, data.length - offset);
    for (let i = 0; i < end; i++)
      out[offset + i] = (data[offset + i] as number) ^ (((block[i >> 2] as number) >>> ((i & 3) << 3)) & 0xff);
  }
  block.fill(0);
  return out;
}
