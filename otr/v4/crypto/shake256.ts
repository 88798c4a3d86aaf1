/**
 * SHAKE-256 (FIPS 202) over several inputs fed one after another, for OTRv4's KDF,
 * HWC and HCMAC (kdf.ts). One sponge state is reused by every call: the functions run
 * to completion synchronously, so no two calls share it at once. Inputs are XORed
 * into the state straight from their bytes, with no buffer per call besides the output.
 */
import { keccakF1600 } from './keccak';

/** The rate of SHAKE-256: 1088 bits. */
const RATE = 136;
const state = new Int32Array(50);
/** The state as bytes: little-endian words, as Keccak lays lanes out (checked below). */
const bytes = new Uint8Array(state.buffer);
if (new Uint16Array(Uint8Array.of(1, 0).buffer)[0] !== 1) throw new Error('SHAKE-256 here needs a little-endian host');

let position = 0;

function absorb(data: Uint8Array): void {
  let p = position;
  for (let i = 0; i < data.length; i++) {
    bytes[p] = (bytes[p] as number) ^ (data[i] as number);
    if (++p === RATE) {
      keccakF1600(state);
      p = 0;
    }
  }
  position = p;
}

/**
 * SHAKE-256(prefix || parts..., size): `prefix` then each part absorbed in order,
 * then `size` bytes squeezed into a new array.
 */
export function shake256Of(size: number, prefix: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
  state.fill(0);
  position = 0;
  absorb(prefix);
  for (const part of parts) absorb(part);
  // The SHAKE domain bits 1111 and the first bit of pad10*1, then its last bit.
  bytes[position] = (bytes[position] as number) ^ 0x1f;
  bytes[RATE - 1] = (bytes[RATE - 1] as number) ^ 0x80;
  const out = new Uint8Array(size);
  for (let o = 0; o < size; o += RATE) {
    keccakF1600(state);
    out.set(bytes.subarray(0, Math.min(RATE, size - o)), o);
  }
  state.fill(0);
  return out;
}
