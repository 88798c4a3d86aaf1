/**
 * Keys derived from the AKE's shared secret s (Protocol-v3, "Computing AES keys,
 * MAC keys, and the secure session id"): secbytes is s as a minimal MPI and
 * h2(b) = SHA-256(b || secbytes).
 */
import { concatBytes } from '../bytes';
import { sha256 } from '../crypto/primitives';
import { Writer } from '../wire/codec';

export interface AkeKeys {
  ssid: Uint8Array;
  c: Uint8Array;
  cPrime: Uint8Array;
  m1: Uint8Array;
  m2: Uint8Array;
  m1Prime: Uint8Array;
  m2Prime: Uint8Array;
}

export function secbytes(s: bigint): Uint8Array {
  return new Writer().mpi(s).finish();
}

export function h2(b: number, secret: Uint8Array): Uint8Array {
  return sha256(concatBytes(Uint8Array.of(b), secret));
}

export function deriveAkeKeys(s: bigint): AkeKeys {
  const sec = secbytes(s);
  const h1 = h2(0x01, sec);
  return {
    ssid: h2(0x00, sec).slice(0, 8),
    c: h1.slice(0, 16),
    cPrime: h1.slice(16, 32),
    m1: h2(0x02, sec),
    m2: h2(0x03, sec),
    m1Prime: h2(0x04, sec),
    m2Prime: h2(0x05, sec),
  };
}
