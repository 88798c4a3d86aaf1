import { shake256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/fixtures';
import { shake256Of } from './shake256';

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('SHAKE-256 (Keccak-f[1600] unrolled)', () => {
  it('matches FIPS 202 for the empty message', () => {
    const hex = Buffer.from(shake256Of(32, new Uint8Array(0), [])).toString('hex');
    expect(hex).toBe('46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f');
  });

  it('agrees with @noble/hashes at every length around the rate, in parts, for outputs over several blocks', () => {
    const random = seededRandom('shake256');
    for (let length = 0; length <= 420; length += length < 280 ? 1 : 7) {
      const data = random.bytes(length);
      const cut = Math.floor(length / 3);
      for (const size of [1, 32, 57, 64, 114, 136, 137, 300]) {
        const ours = shake256Of(size, data.subarray(0, cut), [data.subarray(cut, 2 * cut), data.subarray(2 * cut)]);
        expect(ours).toEqual(shake256(concat(data), { dkLen: size }));
      }
    }
  });
});
