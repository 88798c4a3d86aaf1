/**
 * The symmetric primitives OTR v3 uses, from the audited noble libraries:
 * SHA-1, SHA-256, HMAC-SHA1, HMAC-SHA256 and AES-128 in counter mode.
 */
import { ctr } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export const sha256 = (data: Uint8Array): Uint8Array => nobleSha256(data);
export const sha1Hash = (data: Uint8Array): Uint8Array => sha1(data);
export const hmacSha256 = (key: Uint8Array, data: Uint8Array): Uint8Array => hmac(nobleSha256, key, data);
export const hmacSha1 = (key: Uint8Array, data: Uint8Array): Uint8Array => hmac(sha1, key, data);

/**
 * AES-128-CTR with a 16-byte initial counter block made of `top` (8 bytes,
 * OTR's "top half of counter init") followed by 8 zero bytes; encryption and
 * decryption are the same operation.
 */
export function aesCtr(key: Uint8Array, top: Uint8Array, data: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block.set(top.subarray(0, 8), 0);
  return ctr(key, block).encrypt(data);
}

export const ZERO_CTR = new Uint8Array(8);

/**
 * The two primitives on the data-message path, injectable because a host's
 * native implementation (OpenSSL in Node) is several times faster than
 * JavaScript here; the noble versions are the portable default.
 */
export interface Symmetric {
  aesCtr(key: Uint8Array, top: Uint8Array, data: Uint8Array): Uint8Array;
  hmacSha1(key: Uint8Array, data: Uint8Array): Uint8Array;
}

export const nobleSymmetric: Symmetric = { aesCtr, hmacSha1 };
