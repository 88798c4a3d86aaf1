/**
 * The SMP and the extra symmetric key inside a conversation (Protocol-v3, "The
 * SMP state machine" and "Extra symmetric key"): each instance keeps its own
 * SMP state; SMP TLVs ride in data messages with an empty text and the
 * IGNORE_UNREADABLE flag, one TLV per message, as libotr sends them; TLVs 2-8
 * that arrive are consumed here and become typed events.
 */
import { isSmpTlvType } from '../smp/smp-messages';
import {
  abortSmp,
  receiveSmp,
  respondSmp,
  smpCutShort,
  SMP_IDLE,
  startSmp,
  type SmpContext,
  type SmpEvent,
  type SmpState,
  type SmpStep,
} from '../smp/smp-state';
import {
  abortSmpV4,
  isSmpTlvTypeV4,
  receiveSmpV4,
  respondSmpV4,
  smpCutShortV4,
  startSmpV4,
  type SmpStateV4,
} from '../v4/smp/state';
import { TLV4_EXTRA_SYMMETRIC_KEY } from '../v4/wire/tlv';
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';
import { TLV_DISCONNECTED, TLV_EXTRA_SYMMETRIC_KEY, TLV_PADDING, type Tlv } from '../wire/tlv';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome, Outgoing } from './conversation-types';
import type { OtrEvent } from './events';
import type { InstanceSession } from './instance-session';

/** A user's SMP action, run by the state machine of the session's version. */
export type SmpAction =
  | { kind: 'start'; secret: string; question?: string | undefined }
  | { kind: 'respond'; secret: string }
  | { kind: 'abort' };

type AnySmpState = SmpState | SmpStateV4;
interface AnySmpStep {
  state: AnySmpState;
  send: Tlv[];
  events: SmpEvent[];
}

/** The SMP of one protocol version: its state machine and its TLV type numbers. */
interface SmpEngine {
  act(state: AnySmpState, ctx: SmpContext, a: SmpAction): AnySmpStep;
  receive(state: AnySmpState, ctx: SmpContext, tlv: Tlv): AnySmpStep;
  cutShort(): AnySmpStep;
  isSmpTlv(type: number): boolean;
  extraKeyTlv: number;
}

const V3: SmpEngine = {
  act: (s, ctx, a) =>
    a.kind === 'start'
      ? startSmp(s as SmpState, ctx, a.secret, a.question)
      : a.kind === 'respond'
        ? respondSmp(s as SmpState, ctx, a.secret)
        : abortSmp(),
  receive: (s, ctx, tlv) => receiveSmp(s as SmpState, ctx, tlv),
  cutShort: smpCutShort,
  isSmpTlv: isSmpTlvType,
  extraKeyTlv: TLV_EXTRA_SYMMETRIC_KEY,
};

const V4: SmpEngine = {
  act: (s, ctx, a) =>
    a.kind === 'start'
      ? startSmpV4(s as SmpStateV4, ctx, a.secret, a.question)
      : a.kind === 'respond'
        ? respondSmpV4(s as SmpStateV4, ctx, a.secret)
        : abortSmpV4(),
  receive: (s, ctx, tlv) => receiveSmpV4(s as SmpStateV4, ctx, tlv),
  cutShort: smpCutShortV4,
  isSmpTlv: isSmpTlvTypeV4,
  extraKeyTlv: TLV4_EXTRA_SYMMETRIC_KEY,
};

/** The engine of the instance's session (its last one once it ended); v3's without one. */
function engineOf(inst: InstanceSession): SmpEngine {
  return (inst.private?.version ?? inst.identity?.version) === 4 ? V4 : V3;
}

function smpContext(conv: ConversationInternals, inst: InstanceSession): SmpContext | undefined {
  const p = inst.private;
  if (inst.msgState !== 'encrypted' || !p) return undefined;
  return {
    env: conv.options.env,
    ourFingerprint: p.version === 4 ? conv.v4Own().fingerprint : conv.ourFingerprint(),
    theirFingerprint: p.fingerprint,
    ssid: p.ssid,
  };
}

function sendEach(conv: ConversationInternals, inst: InstanceSession, tlvs: readonly Tlv[]): Outgoing[] {
  return tlvs.flatMap((t) => conv.sendTlvs(inst.theirTag, [t], '', FLAG_IGNORE_UNREADABLE).send);
}

function applyStep(conv: ConversationInternals, inst: InstanceSession, step: AnySmpStep | SmpStep): Outcome {
  inst.smp = step.state;
  return {
    send: sendEach(conv, inst, step.send),
    events: step.events.map((e): OtrEvent => ({ type: 'smp', instanceTag: inst.theirTag, ...e })),
  };
}

/**
 * Runs a user's SMP action on the chosen instance (the conversation's target by
 * default). Without a private session nothing can be sent: `offline` is what
 * to report then (an error unless the action was an abort, which is done anyway).
 */
export function smpAction(conv: ConversationInternals, instanceTag: number | undefined, action: SmpAction): Outcome {
  const inst = instanceTag === undefined ? conv.target() : conv.instances.get(instanceTag);
  const ctx = inst && smpContext(conv, inst);
  if (!inst || !ctx) {
    if (inst) inst.smp = SMP_IDLE;
    const offline: SmpEvent =
      action.kind === 'abort'
        ? { kind: 'aborted', by: 'us' }
        : { kind: 'error', reason: 'verification needs a private conversation' };
    return { send: [], events: [{ type: 'smp', instanceTag: inst?.theirTag ?? instanceTag ?? 0, ...offline }] };
  }
  return applyStep(conv, inst, engineOf(inst).act(inst.smp, ctx, action));
}

/**
 * Sends a TLV 8 (v4: TLV 7; 4-byte use, then `data`) and returns the extra symmetric key
 * of the data message that carries it: the key the buddy's client derives on
 * receipt. Throws RangeError for a use outside 0..2^32-1 or data over 65531 bytes.
 */
export function useExtraKey(
  conv: ConversationInternals,
  use: number,
  data: Uint8Array,
  instanceTag?: number,
): Outcome & { key?: Uint8Array } {
  if (!Number.isInteger(use) || use < 0 || use > 0xffff_ffff)
    throw new RangeError('the use of an extra symmetric key is a 32-bit unsigned integer');
  const inst = instanceTag === undefined ? conv.target() : conv.instances.get(instanceTag);
  if (!inst || inst.msgState !== 'encrypted')
    return { send: [], events: [{ type: 'not-sent', reason: 'the extra symmetric key needs a private conversation' }] };
  const value = new Uint8Array(4 + data.length);
  new DataView(value.buffer).setUint32(0, use);
  value.set(data, 4);
  const { send, extraKey } = conv.sendTlvs(
    inst.theirTag,
    [{ type: engineOf(inst).extraKeyTlv, value }],
    '',
    FLAG_IGNORE_UNREADABLE,
  );
  return { send, events: [], key: extraKey() };
}

/**
 * The type of a TLV record cut short at the end of a data message's plaintext
 * (decodePlaintext drops it), when at least its type got through.
 */
export function cutShortTlvType(plaintext: Uint8Array, parsed: readonly Tlv[]): number | undefined {
  const nul = plaintext.indexOf(0);
  if (nul < 0) return undefined;
  let o = nul + 1;
  for (const t of parsed) o += 4 + t.value.length;
  return plaintext.length - o >= 2 ? ((plaintext[o] as number) << 8) | (plaintext[o + 1] as number) : undefined;
}

/**
 * The TLVs of one received data message, in order: SMP messages through the
 * instance's state machine (unless the same message ended the session), an SMP
 * record cut short as an abort, TLV 8 (v4: 7) as an 'extra-key' event with the key of
 * this message, unknown types as a 'tlvs' event. Padding and disconnect are the caller's.
 */
export function receiveTlvs(
  conv: ConversationInternals,
  inst: InstanceSession,
  tlvs: readonly Tlv[],
  extraKey: (index: number) => Uint8Array,
  cutShortType?: number,
): Outcome {
  const out: Outcome = { send: [], events: [] };
  const ending = tlvs.some((t) => t.type === TLV_DISCONNECTED);
  const unknown: Tlv[] = [];
  const ctx = smpContext(conv, inst);
  const engine = engineOf(inst);
  let extraKeys = 0;
  const smp = (step: AnySmpStep) => {
    const done = applyStep(conv, inst, step);
    out.send.push(...done.send);
    out.events.push(...done.events);
  };
  for (const t of tlvs) {
    if (t.type === TLV_PADDING || t.type === TLV_DISCONNECTED) continue;
    if (engine.isSmpTlv(t.type)) {
      if (!ending && ctx) smp(engine.receive(inst.smp, ctx, t));
    } else if (t.type === engine.extraKeyTlv) {
      // libotr reports a TLV 8 only when it holds the 4-byte use. In v4 each TLV 7 has its own key, by position.
      const index = extraKeys++;
      if (t.value.length < 4)
        out.events.push({ type: 'malformed', reason: 'an extra symmetric key TLV without its 4-byte use' });
      else {
        const use = new DataView(t.value.buffer, t.value.byteOffset, 4).getUint32(0);
        out.events.push({
          type: 'extra-key',
          instanceTag: inst.theirTag,
          use,
          data: t.value.slice(4),
          key: extraKey(index),
        });
      }
    } else unknown.push(t);
  }
  // The record cut short came last in the message.
  if (cutShortType !== undefined && engine.isSmpTlv(cutShortType) && !ending && ctx) smp(engine.cutShort());
  if (unknown.length > 0) out.events.push({ type: 'tlvs', instanceTag: inst.theirTag, tlvs: unknown });
  return out;
}
