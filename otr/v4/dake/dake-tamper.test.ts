/**
 * A man in the middle who replaces a field with another valid value: every check on
 * receipt passes, so it is the ring signatures over t (which holds every field, and
 * Φ the first keys) that must refuse. Refusals by the checks on receipt are
 * messages.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, seededRandom } from '../../test-support/fixtures';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty } from '../../test-support/v4-dake';
import { v4Profile } from '../../test-support/v4-profiles';
import { generateDH } from '../crypto/dh3072';
import { generateECDH, Q } from '../crypto/ed448';
import type { RingSignature } from '../crypto/rsig';
import { DAKE_IDLE, receiveDakeMessage, startDake } from './dake';
import {
  type AuthRMessage,
  decodeAuthI,
  decodeAuthR,
  decodeIdentity,
  encodeAuthI,
  encodeAuthR,
  encodeIdentity,
  type IdentityMessage,
} from './messages';

const math = memoModPow();
const checks = { nowMs: 1_700_000_000_000, math };
const bobParty = () => dakeParty('bob', 0x101, { ours: 'bob@example.org', theirs: 'alice@example.org' }, { math });
const aliceParty = () => dakeParty('alice', 0x102, { ours: 'alice@example.org', theirs: 'bob@example.org' }, { math });

// Other valid values: points and group elements of the man in the middle, profiles renewed a minute later.
const random = seededRandom('mallory');
const [point1, point2] = [generateECDH(random).public, generateECDH(random).public];
const [dh1, dh2] = [generateDH(random, math).public, generateDH(random, math).public];
const later = new ManualClock(1_700_000_060_000);
const bobRenewed = v4Profile('bob', { instanceTag: 0x101 }, later);
const aliceRenewed = v4Profile('alice', { instanceTag: 0x102 }, later);

type Three = [bigint, bigint, bigint];
function tweak(sigma: RingSignature, part: 'c' | 'r', i: number): RingSignature {
  const values = [...sigma[part]] as Three;
  values[i] = ((values[i] as bigint) + 1n) % Q;
  return { ...sigma, [part]: values };
}
const sigmaTweaks = (['c', 'r'] as const).flatMap((part) => [0, 1, 2].map((i) => [part, i] as const));

describe('a DAKE message with a field replaced by another valid value', () => {
  const identityChanges: [string, Partial<IdentityMessage>][] = [
    ['Y', { y: point1 }],
    ['B', { b: dh1 }],
    ['our_ecdh_first', { ecdhFirst: point2 }],
    ['our_dh_first', { dhFirst: dh2 }],
    ["the Client Profile (Bob's, renewed)", { profile: bobRenewed }],
  ];
  for (const [field, change] of identityChanges) {
    it(`Identity, ${field}: Alice answers, and Bob refuses her Auth-R`, () => {
      const [bob, alice] = [bobParty(), aliceParty()];
      const start = startDake(bob);
      const tampered = encodeIdentity({ ...decodeIdentity(start.send!, checks), ...change });
      const r = receiveDakeMessage(DAKE_IDLE, tampered, alice);
      expect(r.send).toBeDefined();
      const i = receiveDakeMessage(start.state, r.send!, bob);
      expect(i.state).toBe(start.state);
      expect(i.ignored).toMatch('Auth-R ring signature does not verify');
      expect(i.send).toBeUndefined();
    });
  }

  const authRChanges: (readonly [string, (m: AuthRMessage) => Partial<AuthRMessage>])[] = [
    ['X', () => ({ x: point1 })],
    ['A', () => ({ a: dh1 })],
    ['our_ecdh_first', () => ({ ecdhFirst: point2 })],
    ['our_dh_first', () => ({ dhFirst: dh2 })],
    ["the Client Profile (Alice's, renewed)", () => ({ profile: aliceRenewed })],
    ...sigmaTweaks.map(
      ([part, i]) => [`sigma's ${part}${i + 1}`, (m: AuthRMessage) => ({ sigma: tweak(m.sigma, part, i) })] as const,
    ),
  ];
  for (const [field, change] of authRChanges) {
    it(`Auth-R, ${field}: Bob refuses it`, () => {
      const [bob, alice] = [bobParty(), aliceParty()];
      const start = startDake(bob);
      const r = receiveDakeMessage(DAKE_IDLE, start.send!, alice);
      const m = decodeAuthR(r.send!, checks);
      const i = receiveDakeMessage(start.state, encodeAuthR({ ...m, ...change(m) }), bob);
      expect(i.state).toBe(start.state);
      expect(i.ignored).toMatch('Auth-R ring signature does not verify');
    });
  }

  it("Auth-R signed by Alice for another Bob's Identity: Bob refuses it", () => {
    const [bob, alice] = [bobParty(), aliceParty()];
    const start = startDake(bob);
    const other = startDake(dakeParty('bob', 0x101, bob.names, { math, envSeed: 'other-run' }));
    const r = receiveDakeMessage(DAKE_IDLE, other.send!, alice);
    expect(receiveDakeMessage(start.state, r.send!, bob).ignored).toMatch('Auth-R ring signature does not verify');
  });

  for (const [part, i] of sigmaTweaks) {
    it(`Auth-I, sigma's ${part}${i + 1}: Alice refuses it`, () => {
      const [bob, alice] = [bobParty(), aliceParty()];
      const start = startDake(bob);
      const r = receiveDakeMessage(DAKE_IDLE, start.send!, alice);
      const authI = receiveDakeMessage(start.state, r.send!, bob).send!;
      const m = decodeAuthI(authI);
      const step = receiveDakeMessage(r.state, encodeAuthI({ ...m, sigma: tweak(m.sigma, part, i) }), alice);
      expect(step.state).toBe(r.state);
      expect(step.ignored).toMatch('Auth-I ring signature does not verify');
      expect(receiveDakeMessage(r.state, authI, alice).complete).toBeDefined();
    });
  }
});
