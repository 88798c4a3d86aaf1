import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../bytes';
import { WireError } from '../../wire/codec';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty, runDake } from '../../test-support/v4-dake';
import { V4Writer } from '../wire/codec';
import { decodeAuthI, decodeAuthR, decodeIdentity, peekHeader } from './messages';

const math = memoModPow();
const checks = { nowMs: 1_700_000_000_000, math };
const run = runDake(
  dakeParty('bob', 0x101, { ours: 'b', theirs: 'a' }, { math }),
  dakeParty('alice', 0x102, { ours: 'a', theirs: 'b' }, { math }),
);

const decoders: [string, (bytes: Uint8Array) => unknown, Uint8Array][] = [
  ['Identity', (b) => decodeIdentity(b, checks), run.identity],
  ['Auth-R', (b) => decodeAuthR(b, checks), run.authR],
  ['Auth-I', (b) => decodeAuthI(b), run.authI],
];

/** True when decoding returned or threw a WireError; anything else thrown fails the property. */
function onlyWireErrors(decode: () => unknown): boolean {
  try {
    decode();
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
  }
  return true;
}

describe('DAKE message decoding on hostile input', () => {
  it('throws nothing but WireError on random bytes, header included', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1600 }),
        (bytes) =>
          decoders.every(([, decode]) => onlyWireErrors(() => decode(bytes))) &&
          onlyWireErrors(() => peekHeader(bytes)),
      ),
      { numRuns: 300 },
    );
  });

  for (const [name, decode, valid] of decoders) {
    const header = valid.subarray(0, 11);

    it(`${name}: throws nothing but WireError on random bytes after a valid header`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 1600 }), (body) =>
          onlyWireErrors(() => decode(concatBytes(header, body))),
        ),
        { numRuns: 200 },
      );
    });

    it(`${name}: throws nothing but WireError on a valid message with one byte changed`, () => {
      const changed = fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const bytes = valid.slice();
        bytes[at] = (bytes[at] as number) ^ x;
        return bytes;
      });
      // Each change may cost a profile validation and a 3072-bit group check: few runs.
      fc.assert(
        fc.property(changed, (bytes) => onlyWireErrors(() => decode(bytes))),
        { numRuns: 25 },
      );
    });
  }

  it('Identity: throws nothing but WireError on a profile of random fields', () => {
    const profileLike = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.uint8Array({ maxLength: 80 })), { maxLength: 8 })
      .map((fields) => {
        const w = new V4Writer().int(fields.length);
        for (const [type, value] of fields) w.short(type).raw(value);
        return w.raw(new Uint8Array(114)).finish();
      });
    fc.assert(
      fc.property(profileLike, fc.uint8Array({ maxLength: 500 }), (profile, rest) =>
        onlyWireErrors(() => decodeIdentity(concatBytes(run.identity.subarray(0, 11), profile, rest), checks)),
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a DAKE message of another type', () => {
    expect(() => decodeAuthR(run.identity, checks)).toThrow(WireError);
    expect(() => decodeIdentity(run.authR, checks)).toThrow(WireError);
    expect(() => decodeAuthI(run.authR)).toThrow(WireError);
  });
});
