import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../bytes';
import { WireError } from '../../wire/codec';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty, runDake } from '../../test-support/v4-dake';
import { DH3072_PRIME } from '../crypto/dh3072';
import { readClientProfile } from '../profile/client-profile';
import { V4Reader, V4Writer } from '../wire/codec';
import { decodeAuthI, decodeAuthR, decodeIdentity, encodeAuthI, encodeAuthR, encodeIdentity } from './messages';

const NOW = 1_700_000_000_000;
const math = memoModPow();
const checks = { nowMs: NOW, math };
const bob = dakeParty('bob', 0x101, { ours: 'bob@example.org', theirs: 'alice@example.org' }, { math });
const alice = dakeParty('alice', 0x102, { ours: 'alice@example.org', theirs: 'bob@example.org' }, { math });
const run = runDake(bob, alice);

/** A message cut into its fields, so that one can be replaced. */
type Kind = 'header' | 'profile' | 'point' | 'mpi' | 'sig';
const IDENTITY: readonly Kind[] = ['header', 'profile', 'point', 'mpi', 'point', 'mpi'];
const AUTH_R: readonly Kind[] = ['header', 'profile', 'point', 'mpi', 'sig', 'point', 'mpi'];
const AUTH_I: readonly Kind[] = ['header', 'sig'];

function fields(bytes: Uint8Array, layout: readonly Kind[]): Uint8Array[] {
  const r = new V4Reader(bytes);
  return layout.map((kind) => {
    const start = r.position;
    if (kind === 'header') r.raw(11);
    else if (kind === 'profile') readClientProfile(r);
    else if (kind === 'point') r.raw(57);
    else if (kind === 'mpi') r.data();
    else r.raw(342);
    return r.bytesSince(start);
  });
}

function replaced(bytes: Uint8Array, layout: readonly Kind[], at: number, value: Uint8Array): Uint8Array {
  const parts = fields(bytes, layout);
  parts[at] = value;
  return concatBytes(...parts);
}

function flipped(bytes: Uint8Array, at: number, bits: number): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] as number) ^ bits;
  return out;
}

const mpi = (v: bigint) => new V4Writer().mpi(v).finish();
const BAD_POINTS: [string, Uint8Array][] = [
  ['the identity', concatBytes(Uint8Array.of(1), new Uint8Array(56))],
  ['a point of order 4', new Uint8Array(57)],
  ['y >= p', new Uint8Array(57).fill(0xff)],
];
const identityB = decodeIdentity(run.identity, checks).b;
const BAD_DH: [string, Uint8Array][] = [
  ['0', mpi(0n)],
  ['1', mpi(1n)],
  ['p - 1', mpi(DH3072_PRIME - 1n)],
  ['p', mpi(DH3072_PRIME)],
  ['a value outside the subgroup (p - B)', mpi(DH3072_PRIME - identityB)],
  ['a non-minimal MPI', new V4Writer().data(Uint8Array.of(0, 5)).finish()],
  ['an MPI of 385 bytes', new V4Writer().data(new Uint8Array(385).fill(1)).finish()],
];

const refusal = (decode: () => unknown): string => {
  try {
    decode();
  } catch (e) {
    if (e instanceof WireError) return e.message;
    throw e;
  }
  throw new Error('accepted');
};

describe('the Identity message', () => {
  it('decodes to the values sent, with the checked keys of its valid profile', () => {
    const m = decodeIdentity(run.identity, checks);
    expect([m.senderTag, m.receiverTag]).toEqual([0x101, 0]);
    expect(m.profile.bytes).toEqual(bob.profile.bytes);
    expect(m.peer.identity.toBytes()).toEqual(bob.identity.publicBytes);
    expect(m.peer.forging.equals(bob.forging)).toBe(true);
    expect(encodeIdentity(m)).toEqual(run.identity);
  });

  for (const [at, field] of [
    [2, 'Y'],
    [4, 'our_ecdh_first'],
  ] as const) {
    for (const [what, point] of BAD_POINTS) {
      it(`refuses ${what} as ${field}`, () => {
        expect(refusal(() => decodeIdentity(replaced(run.identity, IDENTITY, at, point), checks))).toMatch(field);
      });
    }
  }

  for (const [at, field] of [
    [3, 'B'],
    [5, 'our_dh_first'],
  ] as const) {
    for (const [what, value] of BAD_DH) {
      it(`refuses ${what} as ${field}`, () => {
        expect(refusal(() => decodeIdentity(replaced(run.identity, IDENTITY, at, value), checks))).toMatch(field);
      });
    }
  }

  it('refuses a profile whose signature does not verify', () => {
    const tampered = flipped(run.identity, 11 + bob.profile.bytes.length - 1, 1);
    expect(refusal(() => decodeIdentity(tampered, checks))).toMatch('the profile signature is invalid');
  });

  it("refuses a profile that is not the sender instance's", () => {
    const header = new V4Writer().short(4).byte(0x35).int(0x1234).int(0).finish();
    const tampered = replaced(run.identity, IDENTITY, 0, header);
    expect(refusal(() => decodeIdentity(tampered, checks))).toMatch("not the sender's");
  });

  it('refuses an expired profile', () => {
    const later = { ...checks, nowMs: NOW + 8 * 24 * 3600 * 1000 };
    expect(refusal(() => decodeIdentity(run.identity, later))).toMatch('expired');
  });

  it('refuses a sender instance tag below 0x100, another version and another type', () => {
    const header = (version: number, type: number, sender: number) =>
      replaced(run.identity, IDENTITY, 0, new V4Writer().short(version).byte(type).int(sender).int(0).finish());
    expect(refusal(() => decodeIdentity(header(4, 0x35, 0xff), checks))).toMatch('below 0x100');
    expect(refusal(() => decodeIdentity(header(3, 0x35, 0x101), checks))).toMatch('protocol version 3');
    expect(refusal(() => decodeIdentity(header(4, 0x36, 0x101), checks))).toMatch('not an Identity');
  });

  it('refuses the message cut short anywhere, or with a byte more', () => {
    for (let n = 0; n < run.identity.length; n += 53) {
      expect(refusal(() => decodeIdentity(run.identity.subarray(0, n), checks))).toMatch('truncated');
    }
    expect(refusal(() => decodeIdentity(run.identity.subarray(0, run.identity.length - 1), checks))).toMatch(
      'truncated',
    );
    expect(refusal(() => decodeIdentity(concatBytes(run.identity, Uint8Array.of(0)), checks))).toMatch('trailing');
  });
});

describe('the Auth-R message', () => {
  it('decodes to the values sent, with the checked keys of its valid profile', () => {
    const m = decodeAuthR(run.authR, checks);
    expect([m.senderTag, m.receiverTag]).toEqual([0x102, 0x101]);
    expect(m.profile.bytes).toEqual(alice.profile.bytes);
    expect(m.peer.identity.toBytes()).toEqual(alice.identity.publicBytes);
    expect(encodeAuthR(m)).toEqual(run.authR);
  });

  for (const [at, field] of [
    [2, 'X'],
    [5, 'our_ecdh_first'],
  ] as const) {
    for (const [what, point] of BAD_POINTS) {
      it(`refuses ${what} as ${field}`, () => {
        expect(refusal(() => decodeAuthR(replaced(run.authR, AUTH_R, at, point), checks))).toMatch(field);
      });
    }
  }

  for (const [at, field] of [
    [3, 'A'],
    [6, 'our_dh_first'],
  ] as const) {
    for (const [what, value] of BAD_DH) {
      it(`refuses ${what} as ${field}`, () => {
        expect(refusal(() => decodeAuthR(replaced(run.authR, AUTH_R, at, value), checks))).toMatch(field);
      });
    }
  }

  it('refuses a sigma with a scalar not below q', () => {
    for (let k = 0; k < 6; k++) {
      const sigma = fields(run.authR, AUTH_R)[4]!.slice();
      sigma.fill(0xff, k * 57, (k + 1) * 57);
      expect(refusal(() => decodeAuthR(replaced(run.authR, AUTH_R, 4, sigma), checks))).toMatch('sigma');
    }
  });

  it('refuses a profile whose signature does not verify', () => {
    const tampered = flipped(run.authR, 11 + 20, 0x40);
    expect(refusal(() => decodeAuthR(tampered, checks))).toMatch('profile');
  });

  it("refuses a profile that is not the sender instance's", () => {
    const header = new V4Writer().short(4).byte(0x36).int(0x1234).int(0x101).finish();
    expect(refusal(() => decodeAuthR(replaced(run.authR, AUTH_R, 0, header), checks))).toMatch("not the sender's");
  });

  it('refuses the message cut short anywhere, or with a byte more', () => {
    for (let n = 0; n < run.authR.length; n += 61) {
      expect(refusal(() => decodeAuthR(run.authR.subarray(0, n), checks))).toMatch('truncated');
    }
    expect(refusal(() => decodeAuthR(concatBytes(run.authR, Uint8Array.of(0)), checks))).toMatch('trailing');
  });
});

describe('the Auth-I message', () => {
  it('decodes to the values sent', () => {
    const m = decodeAuthI(run.authI);
    expect([m.senderTag, m.receiverTag]).toEqual([0x101, 0x102]);
    expect(encodeAuthI(m)).toEqual(run.authI);
  });

  it('refuses a sigma with a scalar not below q', () => {
    for (let k = 0; k < 6; k++) {
      const tampered = run.authI.slice();
      tampered.fill(0xff, 11 + k * 57, 11 + (k + 1) * 57);
      expect(refusal(() => decodeAuthI(tampered))).toMatch('sigma');
    }
  });

  it('refuses another type, the message cut short anywhere, or with a byte more', () => {
    expect(refusal(() => decodeAuthI(replaced(run.authI, AUTH_I, 0, run.identity.subarray(0, 11))))).toMatch(
      'not an Auth-I',
    );
    for (let n = 0; n < run.authI.length; n++) {
      expect(refusal(() => decodeAuthI(run.authI.subarray(0, n)))).toMatch('truncated');
    }
    expect(refusal(() => decodeAuthI(concatBytes(run.authI, Uint8Array.of(0))))).toMatch('trailing');
  });
});
