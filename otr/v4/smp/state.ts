/**
 * The OTRv4 SMP state machine of one private session ("The SMP State Machine":
 * "OTRv4 does not change the state machine for SMP from OTRv3"). The same shapes
 * as otr/smp/smp-state.ts, so a conversation drives either version alike: the
 * states have the same names (plus `version: 4`, which tells them apart from
 * OTRv3's in one field), the same SmpContext goes in, the same SmpEvents come out.
 *
 * As the spec says, an SMP message the state does not expect aborts: TLV 6 is sent,
 * the state goes back to SMPSTATE_EXPECT1 and an 'error' event is reported
 * ("SMPSTATE_EXPECT1 only accepts SMP Message 1"). A message that is malformed,
 * holds a point or scalar that fails its check, or a proof that does not verify
 * aborts the same way with a 'cheated' event. Nothing here throws on input from
 * the wire. Progress percentages are OTRv3's (smp-state.ts).
 */
import type { SmpContext, SmpEvent } from '../../smp/smp-state';
import { WireError } from '../../wire/codec';
import type { Tlv } from '../wire/tlv';
import { decodeSmpTlv, encodeSmpTlv, smpStepOf, type Smp1, type SmpMessage } from './messages';
import { smpSecretV4 } from './secret';
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
} from './steps';

export { isSmpTlvType as isSmpTlvTypeV4 } from './messages';

export type SmpStateV4 =
  /** SMPSTATE_EXPECT1, nothing under way. */
  | { version: 4; name: 'idle' }
  /** Still SMPSTATE_EXPECT1: a checked message 1 waits for our user's secret. */
  | { version: 4; name: 'asked'; msg1: Smp1; question?: string }
  | { version: 4; name: 'expect2'; alice: AliceAfter1 }
  | { version: 4; name: 'expect3'; bob: BobAfter2; answeredQuestion: boolean }
  | { version: 4; name: 'expect4'; alice: AliceAfter3 };

/** OTRv3's SmpStep with a v4 state. */
export interface SmpStepV4 {
  state: SmpStateV4;
  send: Tlv[];
  events: SmpEvent[];
}

export const SMP_IDLE_V4: SmpStateV4 = { version: 4, name: 'idle' };

/** Tells an OTRv4 SMP state from an OTRv3 one held in the same field. */
export const isSmpStateV4 = (s: object): s is SmpStateV4 => 'version' in s && s.version === 4;

const ABORT: Tlv = encodeSmpTlv({ step: 'abort' });
/** As OTRv3's limit: a TLV value holds 65535 bytes, and message 1 takes 346 of them besides. */
const MAX_QUESTION_BYTES = 60_000;

const abortWith = (event: SmpEvent): SmpStepV4 => ({ state: SMP_IDLE_V4, send: [ABORT], events: [event] });

/**
 * "User requests to begin SMP", with an optional question shown to the buddy. An
 * empty question is no question: both travel as an empty DATA.
 */
export function startSmpV4(state: SmpStateV4, ctx: SmpContext, secret: string, question?: string): SmpStepV4 {
  if (question !== undefined && new TextEncoder().encode(question).length > MAX_QUESTION_BYTES) {
    return { state, send: [], events: [{ kind: 'error', reason: 'the question must be shorter than 60 kB' }] };
  }
  // "If you wish to restart the SMP, send a type 6 TLV (SMP abort) ... and then proceed
  // as if smpstate was SMPSTATE_EXPECT1": its own TLV, sent first.
  const send: Tlv[] = state.name === 'idle' ? [] : [ABORT];
  const { msg, state: alice } = smpStep1(ctx.env.random, smpSecretV4(ctx, true, secret));
  const m: SmpMessage = question ? { step: 1, msg, question } : { step: 1, msg };
  send.push(encodeSmpTlv(m));
  return { state: { version: 4, name: 'expect2', alice }, send, events: [{ kind: 'in-progress', percent: 20 }] };
}

/** Our user answers the buddy's SMP with the secret (or the answer to the question). */
export function respondSmpV4(state: SmpStateV4, ctx: SmpContext, secret: string): SmpStepV4 {
  if (state.name !== 'asked')
    return { state, send: [], events: [{ kind: 'error', reason: 'no SMP request is waiting for an answer' }] };
  const y = smpSecretV4(ctx, false, secret);
  return guarded(() => {
    const r = smpStep2(ctx.env.random, state.msg1, y);
    if (!r.ok) return abortWith({ kind: 'cheated', reason: r.reason });
    return {
      state: { version: 4, name: 'expect3', bob: r.value.state, answeredQuestion: state.question !== undefined },
      send: [encodeSmpTlv({ step: 2, msg: r.value.msg })],
      events: [{ kind: 'in-progress', percent: 50 }],
    };
  });
}

/** "User requests to abort SMP": TLV 6 and back to SMPSTATE_EXPECT1, whatever the state. */
export function abortSmpV4(): SmpStepV4 {
  return abortWith({ kind: 'aborted', by: 'us' });
}

/** An SMP TLV record cut short in its data message: aborted, as OTRv3's smpCutShort. */
export function smpCutShortV4(): SmpStepV4 {
  return abortWith({ kind: 'cheated', reason: 'an SMP message cut short in its TLV record' });
}

/** The step a state accepts next (SMPSTATE_EXPECTn). */
function expected(state: SmpStateV4): 1 | 2 | 3 | 4 {
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

/**
 * Runs a step on checked input. Nothing from the wire should make one throw, but
 * a secret that is 0 mod q (probability 2^-446) would make noble refuse a
 * multiplication: that must not escape receive() either.
 */
function guarded(step: () => SmpStepV4): SmpStepV4 {
  try {
    return step();
  } catch (err) {
    return abortWith({
      kind: 'error',
      reason: `the SMP computation failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

/** One SMP TLV (types 2-6) from the buddy; other types change nothing. */
export function receiveSmpV4(state: SmpStateV4, ctx: SmpContext, tlv: Tlv): SmpStepV4 {
  const step = smpStepOf(tlv.type);
  if (step === undefined) return { state, send: [], events: [] };
  // "If you receive a TLV of this type, you should change the SMP state to SMPSTATE_EXPECT1."
  if (step === 'abort')
    return { state: SMP_IDLE_V4, send: [], events: state.name === 'idle' ? [] : [{ kind: 'aborted', by: 'peer' }] };
  // "If smpstate is not SMPSTATE_EXPECTn: set smpstate to SMPSTATE_EXPECT1 and send a SMP abort."
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
  return guarded(() => advance(state, ctx, m));
}

function advance(state: SmpStateV4, ctx: SmpContext, m: SmpMessage): SmpStepV4 {
  const cheated = (reason: string) => abortWith({ kind: 'cheated', reason });
  const random = ctx.env.random;
  if (m.step === 1) {
    const bad = checkSmp1(m.msg);
    if (bad) return cheated(bad);
    if (m.question === undefined)
      return {
        state: { version: 4, name: 'asked', msg1: m.msg },
        send: [],
        events: [{ kind: 'asked-for-secret', percent: 25 }],
      };
    return {
      state: { version: 4, name: 'asked', msg1: m.msg, question: m.question },
      send: [],
      events: [{ kind: 'asked-for-answer', question: m.question, percent: 25 }],
    };
  }
  if (m.step === 2 && state.name === 'expect2') {
    const r = smpStep3(random, state.alice, m.msg);
    if (!r.ok) return cheated(r.reason);
    return {
      state: { version: 4, name: 'expect4', alice: r.value.state },
      send: [encodeSmpTlv({ step: 3, msg: r.value.msg })],
      events: [{ kind: 'in-progress', percent: 60 }],
    };
  }
  if (m.step === 3 && state.name === 'expect3') {
    const r = smpStep4(random, state.bob, m.msg);
    if (!r.ok) return cheated(r.reason);
    return {
      state: SMP_IDLE_V4,
      send: [encodeSmpTlv({ step: 4, msg: r.value.msg })],
      events: [result(ctx, r.value.success, !state.answeredQuestion)],
    };
  }
  if (m.step === 4 && state.name === 'expect4') {
    const r = smpStep5(state.alice, m.msg);
    if (!r.ok) return cheated(r.reason);
    // The asker always trusts a match: the answer proved the buddy knows it.
    return { state: SMP_IDLE_V4, send: [], events: [result(ctx, r.value.success, true)] };
  }
  // receiveSmpV4 passes only the step the state expects; this is the type checker's due.
  return abortWith({ kind: 'error', reason: 'SMP message out of turn' });
}

/** As OTRv3: the side that answered a question does not mark the key verified by a match. */
function result(ctx: SmpContext, success: boolean, markVerified: boolean): SmpEvent {
  const fingerprint = ctx.theirFingerprint;
  return success
    ? { kind: 'succeeded', percent: 100, fingerprint, markVerified }
    : { kind: 'failed', percent: 100, fingerprint };
}
