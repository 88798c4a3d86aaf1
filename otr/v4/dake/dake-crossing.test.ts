import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { sha256 } from '../../crypto/primitives';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty, type DakePartyOptions } from '../../test-support/v4-dake';
import { V4Writer } from '../wire/codec';
import { DAKE_IDLE, type DakeParty, type DakeStep, hashedDhValue, receiveDakeMessage, startDake } from './dake';
import type { WaitingAuthR } from './dake-state';
import { decodeIdentity } from './messages';
import { compareBytes } from './phi';

const math = memoModPow();
const checks = { nowMs: 1_700_000_000_000, math };
const bobParty = (o: DakePartyOptions = {}) =>
  dakeParty('bob', 0x101, { ours: 'bob@example.org', theirs: 'alice@example.org' }, { math, ...o });
const aliceParty = (o: DakePartyOptions = {}) =>
  dakeParty('alice', 0x102, { ours: 'alice@example.org', theirs: 'bob@example.org' }, { math, ...o });

const waitingR = (step: DakeStep): WaitingAuthR => {
  if (step.state.state !== 'waiting-auth-r') throw new Error('not waiting for Auth-R');
  return step.state;
};

describe('crossing Identity messages', () => {
  it('hashes B as SHA-256 of its MPI', () => {
    expect(hashedDhValue(0x0102n)).toEqual(sha256(new V4Writer().mpi(0x0102n).finish()));
  });

  it('keeps our Identity message and sends it again when our hashed B is the higher', () => {
    const bob = bobParty();
    const start = startDake(bob);
    const state = { ...waitingR(start), hashedB: new Uint8Array(32).fill(0xff) };
    const step = receiveDakeMessage(state, startDake(aliceParty()).send!, bob);
    expect(step.state).toBe(state);
    expect(step.send).toEqual(start.send);
    expect(step.ignored).toMatch('ours has the higher hashed B');
  });

  it('forgets our keys and answers with Auth-R when our hashed B is the lower', () => {
    const bob = bobParty();
    const state = { ...waitingR(startDake(bob)), hashedB: new Uint8Array(32) };
    const step = receiveDakeMessage(state, startDake(aliceParty()).send!, bob);
    expect(step.state.state).toBe('waiting-auth-i');
    expect(step.send?.[2]).toBe(0x36);
  });

  it('ignores a crossing Identity message that does not validate, sending nothing', () => {
    const bob = bobParty();
    const state = waitingR(startDake(bob));
    const broken = startDake(aliceParty()).send!.slice();
    broken[20] = (broken[20] as number) ^ 1;
    const step = receiveDakeMessage(state, broken, bob);
    expect(step.state).toBe(state);
    expect(step.send).toBeUndefined();
  });

  for (const known of [true, false]) {
    it(`completes once, the higher hashed B as Bob, with tags ${known ? 'known' : 'unknown'} beforehand`, () => {
      const bob = bobParty(known ? { theirTag: 0x102 } : {});
      const alice = aliceParty(known ? { theirTag: 0x101 } : {});
      const [b0, a0] = [startDake(bob), startDake(alice)];
      const hashOf = (s: DakeStep) => hashedDhValue(decodeIdentity(s.send!, checks).b);
      const bobWins = compareBytes(hashOf(b0), hashOf(a0)) > 0;
      const order: [DakeParty, DakeStep, DakeParty, DakeStep] = bobWins ? [bob, b0, alice, a0] : [alice, a0, bob, b0];
      const [winner, won, loser, lost] = order;

      // Each receives the other's Identity message.
      const w1 = receiveDakeMessage(won.state, lost.send!, winner);
      expect(w1.send).toEqual(won.send);
      const l1 = receiveDakeMessage(lost.state, won.send!, loser);
      expect(l1.state.state).toBe('waiting-auth-i');
      // The loser gets the winner's Identity again: the same Auth-R if addressed to it, else nothing.
      const l2 = receiveDakeMessage(l1.state, w1.send!, loser);
      expect(l2.state).toBe(l1.state);
      expect(l2.send).toEqual(known ? l1.send : undefined);
      // The winner completes on the first Auth-R and ignores its repetition.
      const w2 = receiveDakeMessage(w1.state, l1.send!, winner);
      expect(w2.complete?.role).toBe('auth-i-sender');
      if (l2.send) expect(receiveDakeMessage(w2.state, l2.send, winner).ignored).toMatch('state idle');
      const l3 = receiveDakeMessage(l2.state, w2.send!, loser);
      expect(toHex(l3.complete!.sharedSecret)).toBe(toHex(w2.complete!.sharedSecret));
      expect(w2.state).toBe(DAKE_IDLE);
      expect(l3.state).toBe(DAKE_IDLE);
    });
  }
});
