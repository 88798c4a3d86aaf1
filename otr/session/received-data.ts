/**
 * What follows a data message we could or could not read, in either version:
 * the rate-limited error reply to an unreadable one, and for a readable one its
 * text, its TLVs (SMP, extra keys), the end of the session (TLV 1) and the
 * heartbeat that rotates our keys after a quiet spell.
 */
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';
import { TLV_DISCONNECTED, type Tlv } from '../wire/tlv';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import type { InstanceSession } from './instance-session';
import { receiveTlvs } from './verification';

const none = (): Outcome => ({ send: [], events: [] });

/** An error reply and an event, at the pace the rate limit allows; what it holds back is counted in the next event. */
export function unreadable(
  conv: ConversationInternals,
  inst: InstanceSession,
  reason: string,
  v4Code?: 'ERROR_1' | 'ERROR_2',
): Outcome {
  if (!conv.replies.take(conv.now())) return none();
  const suppressed = conv.replies.refusedSinceAsked();
  // OTRv4 "OTR Error Messages": a code first, for the reader's client to translate.
  const reply =
    v4Code === 'ERROR_2'
      ? 'ERROR_2: Not in private state message'
      : v4Code === 'ERROR_1'
        ? 'ERROR_1: Unreadable message'
        : inst.msgState !== 'encrypted'
          ? `You sent encrypted data to ${conv.options.accountName}, who wasn't expecting it.`
          : 'You transmitted an unreadable encrypted message.';
  const instanceTag = conv.instances.has(inst.theirTag) ? { instanceTag: inst.theirTag } : {};
  // The error is the spec's whole answer; a buddy whose policy says so starts a new AKE on it (ERROR_START_AKE).
  return {
    send: [conv.errorReply(reply)],
    events: [{ type: 'unreadable', reason, ...instanceTag, ...(suppressed > 0 ? { suppressed } : {}) }],
  };
}

export function finishData(
  conv: ConversationInternals,
  inst: InstanceSession,
  text: string,
  tlvs: Tlv[],
  extraKey: (index: number) => Uint8Array,
  events: Outcome['events'],
  cutShort?: number,
): Outcome {
  const out: Outcome = { send: [], events };
  if (text !== '')
    out.received = { text, encrypted: true, instanceTag: inst.theirTag, fingerprint: inst.private!.fingerprint };
  // SMP steps and extra keys first: an SMP answer sent here also counts as our traffic for the heartbeat.
  const verification = receiveTlvs(conv, inst, tlvs, extraKey, cutShort);
  out.send.push(...verification.send);
  out.events.push(...verification.events);
  if (tlvs.some((t) => t.type === TLV_DISCONNECTED)) {
    inst.finish();
    out.events.push({ type: 'peer-ended', instanceTag: inst.theirTag });
    return out;
  }
  // After a quiet spell, a heartbeat rotates our keys so that the ones just used can be forgotten.
  const now = conv.now();
  if (now - inst.lastSentAt > (conv.options.heartbeatMs ?? 60_000)) {
    out.send.push(...conv.sendTlvs(inst.theirTag, [], '', FLAG_IGNORE_UNREADABLE).send);
    out.events.push({ type: 'heartbeat-sent', instanceTag: inst.theirTag });
  }
  return out;
}
