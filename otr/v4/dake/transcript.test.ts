import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../bytes';
import { seededRandom } from '../../test-support/fixtures';
import { generateECDH } from '../crypto/ed448';
import { kdf } from '../crypto/kdf';
import { V4Writer } from '../wire/codec';
import { dakeTranscripts, type TranscriptInputs } from './transcript';

const random = seededRandom('transcript');
const inputs: TranscriptInputs = {
  bobProfile: Uint8Array.of(1, 2, 3),
  aliceProfile: Uint8Array.of(4, 5),
  y: generateECDH(random).public,
  x: generateECDH(random).public,
  b: 0xabcdefn,
  a: 0x1234n,
  phi: Uint8Array.of(9, 9, 9),
};
const keys = new V4Writer().point(inputs.y).point(inputs.x).mpi(inputs.b).mpi(inputs.a).finish();

describe('the t values of Auth-R and Auth-I', () => {
  it('makes Auth-R t = 0x0 || HWC(0x05, Bob) || HWC(0x06, Alice) || Y || X || B || A || HWC(0x07, phi)', () => {
    const expected = concatBytes(
      Uint8Array.of(0),
      kdf(0x05, 64, inputs.bobProfile),
      kdf(0x06, 64, inputs.aliceProfile),
      keys,
      kdf(0x07, 64, inputs.phi),
    );
    expect(dakeTranscripts(inputs).authR).toEqual(expected);
  });

  it('makes Auth-I t = 0x1 || HWC(0x08, Bob) || HWC(0x09, Alice) || Y || X || B || A || HWC(0x0A, phi)', () => {
    const expected = concatBytes(
      Uint8Array.of(1),
      kdf(0x08, 64, inputs.bobProfile),
      kdf(0x09, 64, inputs.aliceProfile),
      keys,
      kdf(0x0a, 64, inputs.phi),
    );
    expect(dakeTranscripts(inputs).authI).toEqual(expected);
  });

  it('writes Y and X as POINTs and B and A as MPIs', () => {
    const t = dakeTranscripts(inputs).authR;
    expect(t.subarray(129, 129 + 57)).toEqual(inputs.y.toBytes());
    expect(t.subarray(186, 186 + 57)).toEqual(inputs.x.toBytes());
    expect(t.subarray(243, 243 + 7)).toEqual(Uint8Array.of(0, 0, 0, 3, 0xab, 0xcd, 0xef));
    expect(t.subarray(250, 250 + 6)).toEqual(Uint8Array.of(0, 0, 0, 2, 0x12, 0x34));
  });

  it('binds every input: changing any one changes both values', () => {
    const base = dakeTranscripts(inputs);
    const changes: Partial<TranscriptInputs>[] = [
      { bobProfile: Uint8Array.of(1, 2, 4) },
      { aliceProfile: Uint8Array.of(4, 6) },
      { y: inputs.x, x: inputs.y },
      { b: inputs.b + 1n },
      { a: inputs.a + 1n },
      { phi: Uint8Array.of(9, 9) },
    ];
    for (const change of changes) {
      const t = dakeTranscripts({ ...inputs, ...change });
      expect(t.authR).not.toEqual(base.authR);
      expect(t.authI).not.toEqual(base.authI);
    }
  });
});
