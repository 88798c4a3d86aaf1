import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty, type DakePartyOptions, runDake } from '../../test-support/v4-dake';
import type { DakeCompletion } from './completion';
import { DAKE_IDLE, type DakeParty, type DakeStep, receiveDakeMessage, startDake } from './dake';
import { decodeAuthR, decodeIdentity } from './messages';

const math = memoModPow();
const BOB_TAG = 0x101;
const ALICE_TAG = 0x102;
const bobParty = (o: DakePartyOptions = {}) =>
  dakeParty('bob', BOB_TAG, { ours: 'bob@example.org', theirs: 'alice@example.org' }, { math, ...o });
const aliceParty = (o: DakePartyOptions = {}) =>
  dakeParty('alice', ALICE_TAG, { ours: 'alice@example.org', theirs: 'bob@example.org' }, { math, ...o });
const checks = { nowMs: 1_700_000_000_000, math };

/** Both completions agree on K and the SSID, and each side's keys are the other's "their" keys. */
function expectMirrored(a: DakeCompletion, b: DakeCompletion): void {
  expect(a.sharedSecret).toHaveLength(64);
  expect(toHex(a.sharedSecret)).toBe(toHex(b.sharedSecret));
  expect(toHex(a.ssid)).toBe(toHex(b.ssid));
  expect(a.ourEcdh.public.equals(b.theirEcdh)).toBe(true);
  expect(b.ourEcdh.public.equals(a.theirEcdh)).toBe(true);
  expect(a.ourDh.public).toBe(b.theirDh);
  expect(b.ourDh.public).toBe(a.theirDh);
}

const ignoredBy = (step: DakeStep, before: unknown): string => {
  expect(step.state).toBe(before);
  expect(step.complete).toBeUndefined();
  return step.ignored ?? 'not ignored';
};

describe('the interactive DAKE', () => {
  it('completes between Bob (Identity) and Alice (Auth-R) with the same K and SSID and mirrored keys', () => {
    const run = runDake(bobParty(), aliceParty());
    expectMirrored(run.identitySender, run.authRSender);
    expect([run.identitySender.role, run.authRSender.role]).toEqual(['auth-i-sender', 'auth-r-sender']);
  });

  it('completes the other way round, Alice starting', () => {
    const alice = aliceParty();
    const run = runDake(alice, bobParty());
    expectMirrored(run.identitySender, run.authRSender);
    expect(run.identitySender.theirProfile.instanceTag).toBe(BOB_TAG);
    expect(run.authRSender.theirIdentity.toBytes()).toEqual(alice.identity.publicBytes);
  });

  it("hands on the peer's validated profile and long-term keys", () => {
    const [bob, alice] = [bobParty(), aliceParty()];
    const run = runDake(bob, alice);
    expect(run.identitySender.theirProfile.bytes).toEqual(alice.profile.bytes);
    expect(run.identitySender.theirIdentity.toBytes()).toEqual(alice.identity.publicBytes);
    expect(run.identitySender.theirForging.equals(alice.forging)).toBe(true);
    expect(run.authRSender.theirIdentity.toBytes()).toEqual(bob.identity.publicBytes);
  });

  it("hands on the first ephemeral keys, not the DAKE's", () => {
    const run = runDake(bobParty(), aliceParty());
    const identity = decodeIdentity(run.identity, checks);
    const authR = decodeAuthR(run.authR, checks);
    expect(run.identitySender.ourEcdh.public.equals(identity.ecdhFirst)).toBe(true);
    expect(run.identitySender.ourDh.public).toBe(identity.dhFirst);
    expect(run.authRSender.ourEcdh.public.equals(authR.ecdhFirst)).toBe(true);
    expect(run.authRSender.ourEcdh.public.equals(authR.x)).toBe(false);
    expect(run.authRSender.ourDh.public).toBe(authR.dhFirst);
  });

  it('sends Auth-R to the Identity sender and Auth-I to the Auth-R sender', () => {
    const run = runDake(bobParty(), aliceParty());
    expect(decodeAuthR(run.authR, checks).receiverTag).toBe(BOB_TAG);
    expect([...run.authI.subarray(7, 11)]).toEqual([0, 0, 1, 2]);
  });

  it('addresses the Identity message to the peer when its tag is known', () => {
    const step = startDake(bobParty({ theirTag: ALICE_TAG }));
    expect(decodeIdentity(step.send!, checks).receiverTag).toBe(ALICE_TAG);
  });

  it('fails when the parties disagree on phi (another name): Bob refuses the Auth-R', () => {
    const bob = bobParty();
    const alice = dakeParty('alice', ALICE_TAG, { ours: 'alice@example.org', theirs: 'mallory@example.org' }, { math });
    const start = startDake(bob);
    const r = receiveDakeMessage(DAKE_IDLE, start.send!, alice);
    expect(r.state.state).toBe('waiting-auth-i');
    const i = receiveDakeMessage(start.state, r.send!, bob);
    expect(ignoredBy(i, start.state)).toMatch('ring signature does not verify');
    expect(i.send).toBeUndefined();
  });

  it('refuses a party whose profile is for another instance', () => {
    const bob: DakeParty = { ...bobParty(), ourTag: 0x999 };
    expect(() => startDake(bob)).toThrow(RangeError);
  });
});

describe('the DAKE in the wrong state', () => {
  const run = runDake(bobParty(), aliceParty());

  it('ignores an Auth-R when idle', () => {
    expect(ignoredBy(receiveDakeMessage(DAKE_IDLE, run.authR, bobParty()), DAKE_IDLE)).toMatch('state idle');
  });

  it('ignores an Auth-R while waiting for Auth-I', () => {
    const bob = bobParty();
    const waitingI = receiveDakeMessage(DAKE_IDLE, startDake(aliceParty()).send!, bob).state;
    const step = receiveDakeMessage(waitingI, run.authR, bob);
    expect(ignoredBy(step, waitingI)).toMatch('state waiting-auth-i');
  });

  it('ignores an Auth-I unless waiting for one', () => {
    const alice = aliceParty();
    expect(ignoredBy(receiveDakeMessage(DAKE_IDLE, run.authI, alice), DAKE_IDLE)).toMatch('state idle');
    const waitingR = startDake(alice).state;
    expect(ignoredBy(receiveDakeMessage(waitingR, run.authI, alice), waitingR)).toMatch('state waiting-auth-r');
  });

  it('ignores unreadable bytes and other message types with the reason', () => {
    expect(ignoredBy(receiveDakeMessage(DAKE_IDLE, Uint8Array.of(0, 4), bobParty()), DAKE_IDLE)).toMatch('truncated');
    const data = run.authI.slice();
    data[2] = 0x03;
    expect(ignoredBy(receiveDakeMessage(DAKE_IDLE, data, aliceParty()), DAKE_IDLE)).toMatch('not a DAKE message');
  });
});

describe('instance tags in the DAKE', () => {
  const run = runDake(bobParty(), aliceParty());
  const withTags = (bytes: Uint8Array, sender: number, receiver: number) => {
    const out = bytes.slice();
    new DataView(out.buffer).setUint32(3, sender);
    new DataView(out.buffer).setUint32(7, receiver);
    return out;
  };

  it('ignores an Identity message addressed to another instance', () => {
    const step = receiveDakeMessage(DAKE_IDLE, withTags(run.identity, BOB_TAG, 0x555), aliceParty());
    expect(ignoredBy(step, DAKE_IDLE)).toMatch('for instance 1365');
  });

  it('ignores an Auth-R addressed to no instance or another', () => {
    const bob = bobParty();
    const waitingR = startDake(bob).state;
    for (const receiver of [0, 0x555]) {
      const step = receiveDakeMessage(waitingR, withTags(run.authR, ALICE_TAG, receiver), bob);
      expect(ignoredBy(step, waitingR)).toMatch('not ours');
    }
  });

  it('ignores an Auth-I from another instance than the one answered, or addressed to another', () => {
    const alice = aliceParty();
    const waitingI = receiveDakeMessage(DAKE_IDLE, run.identity, alice).state;
    expect(ignoredBy(receiveDakeMessage(waitingI, withTags(run.authI, 0x555, ALICE_TAG), alice), waitingI)).toMatch(
      'from instance 1365',
    );
    expect(ignoredBy(receiveDakeMessage(waitingI, withTags(run.authI, BOB_TAG, 0), alice), waitingI)).toMatch(
      'not ours',
    );
  });

  it('ignores, while waiting for Auth-I, an Identity message addressed to no instance', () => {
    const alice = aliceParty();
    const waitingI = receiveDakeMessage(DAKE_IDLE, run.identity, alice).state;
    const again = startDake(bobParty({ envSeed: 'bob-again' })).send!;
    expect(ignoredBy(receiveDakeMessage(waitingI, again, alice), waitingI)).toMatch('not addressed to our instance');
  });

  it('answers the Identity message already answered with the same Auth-R', () => {
    const alice = aliceParty();
    const bob = bobParty({ theirTag: ALICE_TAG });
    const start = startDake(bob);
    const first = receiveDakeMessage(DAKE_IDLE, start.send!, alice);
    const again = receiveDakeMessage(first.state, start.send!, alice);
    expect(again.state).toBe(first.state);
    expect(again.send).toEqual(first.send);
  });

  it('answers a new Identity message while waiting for Auth-I with a new Auth-R, and completes with it', () => {
    const alice = aliceParty();
    const first = receiveDakeMessage(DAKE_IDLE, run.identity, alice);
    const bob = bobParty({ theirTag: ALICE_TAG, envSeed: 'bob-restart' });
    const restart = startDake(bob);
    const r = receiveDakeMessage(first.state, restart.send!, alice);
    expect(r.send).not.toEqual(first.send);
    const i = receiveDakeMessage(restart.state, r.send!, bob);
    const done = receiveDakeMessage(r.state, i.send!, alice);
    expectMirrored(i.complete!, done.complete!);
  });
});
