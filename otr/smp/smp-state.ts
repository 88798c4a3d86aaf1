/**
 * The SMP state machine of one private session (Protocol-v3, "The SMP state
 * machine"): SMPSTATE_EXPECT1..4 as a discriminated union, the user's actions
 * (begin, answer, abort) and the received TLVs 2-7. Pure: every function takes
 * a state and returns the next one with the TLVs to send and the events to
 * report, and nothing here throws on input from the wire.
 *
 * As the spec says, an SMP message the state does not expect aborts: TLV 6 is
 * sent, the state goes back to EXPECT1 and an 'error' event is reported. A
 * message that is malformed, holds a value out of range or a proof that does
 * not verify aborts the same way with a 'cheated' event (libotr's
 * OTRL_SMPEVENT_CHEATED, after which Pidgin sends the abort).
 *
 * Progress follows libotr's percentages where libotr reports them (25 when
 * asked, 60 when message 2 arrived, 100 at the end) and adds 20 for the
 * initiator starting and 50 for the responder answering, so a progress bar
 * moves on both sides at each step.
 */
import type { OtrEnv } from '../crypto/env';
import { WireError } from '../wire/codec';
import type { Tlv } from '../wire/tlv';
import { decodeSmpTlv, encodeSmpTlv, smpStepOf, type Smp1, type SmpMessage } from './smp-messages';
import { smpSecret, type SmpParties } from './smp-secret';
import {
  checkSmp1,
  smpStep1,
  smpStep2,
  smpStep3,
  smpStep4,
  smpStep5,
  type AliceAfter1,
  type AliceAfter3,
  type BobAfter2,
} from './smp-steps';

export type SmpState =
  /** SMPSTATE_EXPECT1, nothing under way. */
  | { name: 'idle' }
  /** Still SMPSTATE_EXPECT1: a checked message 1 waits for our user's secret. */
  | { name: 'asked'; msg1: Smp1; question?: string }
  | { name: 'expect2'; alice: AliceAfter1 }
  | { name: 'expect3'; bob: BobAfter2; answeredQuestion: boolean }
  | { name: 'expect4'; alice: AliceAfter3 };

export const SMP_IDLE: SmpState = { name: 'idle' };

export type SmpEvent =
  /** The buddy began an SMP without a question: ask the user for the shared secret. */
  | { kind: 'asked-for-secret'; percent: number }
  /** The buddy asked a question: ask the user for the answer. */
  | { kind: 'asked-for-answer'; question: string; percent: number }
  | { kind: 'in-progress'; percent: number }
  /**
   * Both secrets matched. `fingerprint` is the buddy's key the SMP ran with.
   * `markVerified` says whether this side should now mark it verified ("smp" in
   * libotr's file): false for the side that answered a question, because the
   * asker chose the question and the answer, so a match proves nothing about
   * who asked (libotr's received_question rule).
   */
  | { kind: 'succeeded'; percent: 100; fingerprint: Uint8Array; markVerified: boolean }
  /** The secrets differ. Trust stays as it was (libotr clears it; we deliberately do not). */
  | { kind: 'failed'; percent: 100; fingerprint: Uint8Array }
  | { kind: 'aborted'; by: 'us' | 'peer' }
  /** A malformed SMP message, a value out of range or a proof that does not verify: aborted. */
  | { kind: 'cheated'; reason: string }
  /** An SMP message out of turn, or an action that does not fit the state. */
  | { kind: 'error'; reason: string };

export interface SmpStep {
  state: SmpState;
  send: Tlv[];
  events: SmpEvent[];
}

export interface SmpContext extends SmpParties {
  env: OtrEnv;
}

const ABORT: Tlv = encodeSmpTlv({ step: 'abort' });
/** A TLV value holds 65535 bytes and SMP message 1 takes about 1.2 kB of it. */
const MAX_QUESTION_BYTES = 60_000;

const abortWith = (event: SmpEvent): SmpStep => ({ state: SMP_IDLE, send: [ABORT], events: [event] });

/** The user begins (or restarts) an SMP, with an optional question shown to the buddy. */
export function startSmp(state: SmpState, ctx: SmpContext, secret: string, question?: string): SmpStep {
  if (
    question !== undefined &&
    (question.includes('\0') || new TextEncoder().encode(question).length > MAX_QUESTION_BYTES)
  ) {
    return {
      state,
      send: [],
      events: [{ kind: 'error', reason: 'the question must be shorter than 60 kB and contain no NUL character' }],
    };
  }
  // The spec: to restart, abort first. A separate message, so that libotr (which
  // handles the TLVs of one message in a fixed order) sees the abort first.
  const send: Tlv[] = state.name === 'idle' ? [] : [ABORT];
  const { msg, state: alice } = smpStep1(ctx.env, smpSecret(ctx, true, secret));
  const m: SmpMessage = question === undefined ? { step: 1, msg } : { step: 1, msg, question };
  send.push(encodeSmpTlv(m));
  return { state: { name: 'expect2', alice }, send, events: [{ kind: 'in-progress', percent: 20 }] };
}

/** The user answers the buddy's SMP with the secret (or the answer to the question). */
export function respondSmp(state: SmpState, ctx: SmpContext, secret: string): SmpStep {
  if (state.name !== 'asked')
    return { state, send: [], events: [{ kind: 'error', reason: 'no SMP request is waiting for an answer' }] };
  const { msg, state: bob } = smpStep2(ctx.env, state.msg1, smpSecret(ctx, false, secret));
  return {
    state: { name: 'expect3', bob, answeredQuestion: state.question !== undefined },
    send: [encodeSmpTlv({ step: 2, msg })],
    events: [{ kind: 'in-progress', percent: 50 }],
  };
}

/** The user gives up: TLV 6 and back to EXPECT1, whatever the state. */
export function abortSmp(): SmpStep {
  return abortWith({ kind: 'aborted', by: 'us' });
}

/**
 * An SMP TLV whose record was cut short in the data message (its length runs
 * past the end). libotr drops such a record silently; we abort, so that
 * neither side waits for a message that will never come.
 */
export function smpCutShort(): SmpStep {
  return abortWith({ kind: 'cheated', reason: 'an SMP message cut short in its TLV record' });
}

/** The step a state accepts next (SMPSTATE_EXPECTn). */
function expected(state: SmpState): 1 | 2 | 3 | 4 {
  switch (state.name) {
    case 'idle':
    case 'asked':
      return 1;
    case 'expect2':
      return 2;
    case 'expect3':
      return 3;
    case 'expect4':
      return 4;
  }
}

/** One SMP TLV (types 2-7) from the buddy. */
export function receiveSmp(state: SmpState, ctx: SmpContext, tlv: Tlv): SmpStep {
  const step = smpStepOf(tlv.type);
  if (step === undefined) return { state, send: [], events: [] };
  if (step === 'abort')
    return { state: SMP_IDLE, send: [], events: state.name === 'idle' ? [] : [{ kind: 'aborted', by: 'peer' }] };
  if (step !== expected(state))
    return abortWith({
      kind: 'error',
      reason: `SMP message ${step} arrived while expecting message ${expected(state)}`,
    });
  let m: SmpMessage;
  try {
    m = decodeSmpTlv(tlv);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    return abortWith({ kind: 'cheated', reason: err.message });
  }
  try {
    return advance(state, ctx, m);
  } catch (err) {
    // Nothing from the wire should get here (every value is checked first), but a
    // host's modPow may refuse an input (OpenSSL refuses exponents that are
    // multiples of q): that must not escape receive() either.
    return abortWith({
      kind: 'error',
      reason: `the SMP computation failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

function advance(state: SmpState, ctx: SmpContext, m: SmpMessage): SmpStep {
  const cheated = (reason: string) => abortWith({ kind: 'cheated', reason });
  if (m.step === 1) {
    const bad = checkSmp1(ctx.env, m.msg);
    if (bad) return cheated(bad);
    const asked: SmpState =
      m.question === undefined ? { name: 'asked', msg1: m.msg } : { name: 'asked', msg1: m.msg, question: m.question };
    const event: SmpEvent =
      m.question === undefined
        ? { kind: 'asked-for-secret', percent: 25 }
        : { kind: 'asked-for-answer', question: m.question, percent: 25 };
    return { state: asked, send: [], events: [event] };
  }
  if (m.step === 2 && state.name === 'expect2') {
    const r = smpStep3(ctx.env, state.alice, m.msg);
    if (!r.ok) return cheated(r.reason);
    return {
      state: { name: 'expect4', alice: r.value.state },
      send: [encodeSmpTlv({ step: 3, msg: r.value.msg })],
      events: [{ kind: 'in-progress', percent: 60 }],
    };
  }
  if (m.step === 3 && state.name === 'expect3') {
    const r = smpStep4(ctx.env, state.bob, m.msg);
    if (!r.ok) return cheated(r.reason);
    return {
      state: SMP_IDLE,
      send: [encodeSmpTlv({ step: 4, msg: r.value.msg })],
      events: [result(ctx, r.value.success, !state.answeredQuestion)],
    };
  }
  if (m.step === 4 && state.name === 'expect4') {
    const r = smpStep5(ctx.env, state.alice, m.msg);
    if (!r.ok) return cheated(r.reason);
    // The asker always trusts a match: the answer proved the buddy knows it.
    return { state: SMP_IDLE, send: [], events: [result(ctx, r.value.success, true)] };
  }
  // receiveSmp only passes the step the state expects; this is the type checker's due.
  return abortWith({ kind: 'error', reason: 'SMP message out of turn' });
}

function result(ctx: SmpContext, success: boolean, markVerified: boolean): SmpEvent {
  const fingerprint = ctx.theirFingerprint;
  return success
    ? { kind: 'succeeded', percent: 100, fingerprint, markVerified }
    : { kind: 'failed', percent: 100, fingerprint };
}
