import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../bytes';
import { seededRandom } from '../../test-support/fixtures';
import { generateECDH } from '../crypto/ed448';
import { compareBytes, type PhiInputs, sharedSessionState } from './phi';

const random = seededRandom('phi');
const bob = { ecdh: generateECDH(random).public, dh: 0x0102n };
const alice = { ecdh: generateECDH(random).public, dh: 0xffn };
const utf8 = (s: string) => new TextEncoder().encode(s);
const int = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const data = (b: Uint8Array) => concatBytes(int(b.length), b);

/** Bob's view (tag 0x101) and Alice's (tag 0x100) of the same session. */
const bobView: PhiInputs = {
  tags: [0x101, 0x100],
  bob,
  alice,
  names: { ours: 'bob@jabber.net', theirs: 'alice@jabber.net' },
};
const aliceView: PhiInputs = {
  ...bobView,
  tags: [0x100, 0x101],
  names: { ours: 'alice@jabber.net', theirs: 'bob@jabber.net' },
};

describe('the shared session state phi', () => {
  it('lays out sorted tags, the first keys (Bob, then Alice), then the sorted names as DATA', () => {
    const expected = concatBytes(
      int(0x100),
      int(0x101),
      bob.ecdh.toBytes(),
      data(Uint8Array.of(0x01, 0x02)),
      alice.ecdh.toBytes(),
      data(Uint8Array.of(0xff)),
      data(utf8('alice@jabber.net')),
      data(utf8('bob@jabber.net')),
    );
    expect(sharedSessionState(bobView)).toEqual(expected);
  });

  it('is the same bytes from both sides', () => {
    expect(sharedSessionState(aliceView)).toEqual(sharedSessionState(bobView));
  });

  it('differs when either name differs', () => {
    const mallory = { ...bobView, names: { ours: 'bob@jabber.net', theirs: 'mallory@jabber.net' } };
    expect(sharedSessionState(mallory)).not.toEqual(sharedSessionState(bobView));
  });

  it('differs when the roles of the first keys are swapped', () => {
    expect(sharedSessionState({ ...bobView, bob: alice, alice: bob })).not.toEqual(sharedSessionState(bobView));
  });

  it('sorts names by their UTF-8 bytes (code points), not by UTF-16 units', () => {
    // U+FF01 < U+1F600 as code points, but its UTF-16 unit 0xFF01 is above the surrogate 0xD83D.
    const names = { ours: '\u{1F600}', theirs: '\uFF01' };
    const phi = sharedSessionState({ ...bobView, names });
    expect(phi.subarray(phi.length - 15)).toEqual(concatBytes(data(utf8('\uFF01')), data(utf8('\u{1F600}'))));
  });

  it('encodes names as UTF-8 DATA', () => {
    const phi = sharedSessionState({ ...bobView, names: { ours: 'zoë', theirs: 'zoë' } });
    expect(phi.subarray(phi.length - 16)).toEqual(concatBytes(data(utf8('zoë')), data(utf8('zoë'))));
  });

  it('orders byte strings with a shorter prefix first', () => {
    expect(compareBytes(utf8('ab'), utf8('abc'))).toBeLessThan(0);
    expect(compareBytes(utf8('b'), utf8('abc'))).toBeGreaterThan(0);
    expect(compareBytes(utf8('abc'), utf8('abc'))).toBe(0);
  });
});
