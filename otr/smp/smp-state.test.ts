/**
 * The SMP state machine alone, state by state: which message each state
 * accepts, what every other message does (abort, EXPECT1, an 'error'), the
 * abort TLV in each state, and the user's actions in each state.
 */
import { describe, expect, it } from 'vitest';
import type { OtrEnv } from '../crypto/env';
import { fastEnv } from '../../testkit/smp-env';
import { TLV_SMP1, TLV_SMP2, TLV_SMP3, TLV_SMP4, TLV_SMP_ABORT, type Tlv } from '../wire/tlv';
import {
  abortSmp,
  receiveSmp,
  respondSmp,
  SMP_IDLE,
  startSmp,
  type SmpContext,
  type SmpState,
  type SmpStep,
} from './smp-state';

const FP_A = new Uint8Array(20).fill(0xaa);
const FP_B = new Uint8Array(20).fill(0xbb);
const SSID = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
const alice: SmpContext = { env: fastEnv('state-alice'), ourFingerprint: FP_A, theirFingerprint: FP_B, ssid: SSID };
const bob: SmpContext = { env: fastEnv('state-bob'), ourFingerprint: FP_B, theirFingerprint: FP_A, ssid: SSID };
const ABORT: Tlv = { type: TLV_SMP_ABORT, value: new Uint8Array(0) };

const only = (step: SmpStep): Tlv => {
  expect(step.send).toHaveLength(1);
  return step.send[0] as Tlv;
};

/** One honest run, keeping every state and every message on the way. */
const start = startSmp(SMP_IDLE, alice, 'secret');
const m1 = only(start);
const asked = receiveSmp(SMP_IDLE, bob, m1);
const respond = respondSmp(asked.state, bob, 'secret');
const m2 = only(respond);
const afterTwo = receiveSmp(start.state, alice, m2);
const m3 = only(afterTwo);
const afterThree = receiveSmp(respond.state, bob, m3);
const m4 = only(afterThree);

const states: Record<string, SmpState> = {
  idle: SMP_IDLE,
  asked: asked.state,
  expect2: start.state,
  expect3: respond.state,
  expect4: afterTwo.state,
};
const messages: Record<string, Tlv> = { 1: m1, 2: m2, 3: m3, 4: m4 };
const accepts: Record<string, string> = { idle: '1', asked: '1', expect2: '2', expect3: '3', expect4: '4' };

describe('the SMP state machine', () => {
  it('runs an honest exchange through EXPECT1..4 to success on both sides', () => {
    expect([
      start.state.name,
      asked.state.name,
      respond.state.name,
      afterTwo.state.name,
      afterThree.state.name,
    ]).toEqual(['expect2', 'asked', 'expect3', 'expect4', 'idle']);
    expect([m1.type, m2.type, m3.type, m4.type]).toEqual([TLV_SMP1, TLV_SMP2, TLV_SMP3, TLV_SMP4]);
    expect(afterThree.events).toEqual([{ kind: 'succeeded', percent: 100, fingerprint: FP_A, markVerified: true }]);
    const end = receiveSmp(afterTwo.state, alice, m4);
    expect(end).toEqual({
      state: SMP_IDLE,
      send: [],
      events: [{ kind: 'succeeded', percent: 100, fingerprint: FP_B, markVerified: true }],
    });
  });

  for (const [name, state] of Object.entries(states)) {
    for (const [n, tlv] of Object.entries(messages)) {
      if (accepts[name] === n) continue;
      it(`in ${name}, message ${n} is out of turn: abort sent, back to EXPECT1, error reported`, () => {
        const ctx = name === 'expect2' || name === 'expect4' ? alice : bob;
        expect(receiveSmp(state, ctx, tlv)).toEqual({
          state: SMP_IDLE,
          send: [ABORT],
          events: [{ kind: 'error', reason: `SMP message ${n} arrived while expecting message ${accepts[name]}` }],
        });
      });
    }

    it(`in ${name}, the abort TLV goes back to EXPECT1${name === 'idle' ? ' quietly' : ' and is reported'}`, () => {
      expect(receiveSmp(state, alice, { type: TLV_SMP_ABORT, value: Uint8Array.of(9) })).toEqual({
        state: SMP_IDLE,
        send: [],
        events: name === 'idle' ? [] : [{ kind: 'aborted', by: 'peer' }],
      });
    });

    it(`in ${name}, the user’s abort sends TLV 6 and goes back to EXPECT1`, () => {
      expect(abortSmp()).toEqual({ state: SMP_IDLE, send: [ABORT], events: [{ kind: 'aborted', by: 'us' }] });
    });

    it(`in ${name}, beginning an SMP ${name === 'idle' ? 'sends message 1' : 'sends an abort, then message 1'}`, () => {
      const out = startSmp(state, alice, 'again');
      expect(out.send.map((t) => t.type)).toEqual(name === 'idle' ? [TLV_SMP1] : [TLV_SMP_ABORT, TLV_SMP1]);
      expect(out.state.name).toBe('expect2');
    });

    if (name !== 'asked') {
      it(`in ${name}, answering is an error and changes nothing`, () => {
        expect(respondSmp(state, bob, 'x')).toEqual({
          state,
          send: [],
          events: [{ kind: 'error', reason: 'no SMP request is waiting for an answer' }],
        });
      });
    }
  }

  it('a new message 1 while asked replaces the pending one (still EXPECT1, as libotr)', () => {
    const again = receiveSmp(asked.state, bob, only(startSmp(SMP_IDLE, alice, 'other', 'new question?')));
    expect(again.state).toMatchObject({ name: 'asked', question: 'new question?' });
    expect(again.events).toEqual([{ kind: 'asked-for-answer', question: 'new question?', percent: 25 }]);
  });

  it('ignores TLV types that are not SMP', () => {
    expect(receiveSmp(start.state, alice, { type: 8, value: new Uint8Array(4) })).toEqual({
      state: start.state,
      send: [],
      events: [],
    });
  });

  it('turns a failure of the host’s arithmetic into an abort and an error, never an exception', () => {
    const broken: OtrEnv = {
      ...bob.env,
      math: {
        modPow: () => {
          throw new RangeError('Invalid key type');
        },
      },
    };
    expect(receiveSmp(SMP_IDLE, { ...bob, env: broken }, m1)).toEqual({
      state: SMP_IDLE,
      send: [ABORT],
      events: [{ kind: 'error', reason: 'the SMP computation failed: Invalid key type' }],
    });
  });
});
