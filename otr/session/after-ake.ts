/**
 * What follows an AKE that made an instance private: messages follow the best
 * instance (instance-choice.ts); messages the buddy could not read go again,
 * encrypted for the same key (sent-log.ts); then the messages held while the
 * conversation was not private, in the order typed, to the instance messages
 * now go to. Held messages wait instead when that login's key is not verified
 * and the user has verified another key of the buddy: they were typed for the
 * buddy the user knows, not for whichever login answers first.
 */
import { handleAkeMessage } from '../ake/ake';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import type { InstanceSession } from './instance-session';

/** One AKE message for `inst`; a login not known yet is kept only if the step is accepted. */
export function handleAkeStep(
  conv: ConversationInternals,
  inst: InstanceSession,
  m: Parameters<typeof handleAkeMessage>[1],
): Outcome {
  const step = handleAkeMessage(inst.auth, m, conv.party(inst));
  // Ignored, the state stays as it was, though our own commit may go out again (the commit race).
  if (step.ignored) {
    return {
      send: step.send ? conv.wire(step.send, inst) : [],
      events: [{ type: 'ake-ignored', reason: step.ignored }],
    };
  }
  if (!conv.instances.admit(inst)) {
    return { send: [], events: [{ type: 'ake-ignored', reason: 'too many logins of this buddy are private at once' }] };
  }
  if (inst.auth.state === 'none') inst.authSince = conv.now();
  inst.auth = step.auth;
  inst.lastReceivedAt = conv.now();
  const out: Outcome = { send: step.send ? conv.wire(step.send, inst) : [], events: [] };
  if (step.complete) {
    out.events.push(inst.goSecure(step.complete, conv.options.env));
    conv.akeRequestedAt = undefined;
    const after = afterGoingPrivate(conv, inst);
    out.send.push(...after.send);
    out.events.push(...after.events);
  }
  return out;
}

function afterGoingPrivate(conv: ConversationInternals, inst: InstanceSession): Outcome {
  const out: Outcome = { send: [], events: conv.choice.settle() };
  const fingerprint = inst.private!.fingerprint;
  const { again, refused } = conv.sentLog.takeUnread(fingerprint, conv.now());
  if (again.length > 0) {
    for (const m of again) out.send.push(...conv.sealText(inst, m.id, m.text, false));
    out.events.push({ type: 'resent', ids: again.map((m) => m.id), instanceTag: inst.theirTag, fingerprint });
  }
  if (refused.length > 0)
    out.events.push({
      type: 'not-resent',
      ids: refused.map((m) => m.id),
      reason: 'the new private conversation uses another key',
    });
  if (conv.held.size === 0) return out;
  const waitForVerified = !conv.choice.trusted(inst) && conv.options.trust?.hasTrusted() === true;
  if (conv.target() !== inst || waitForVerified) {
    out.events.push({ type: 'held-waiting', instanceTag: inst.theirTag });
    return out;
  }
  const flushed = conv.flushHeld(inst);
  out.send.push(...flushed.send);
  out.events.push(...flushed.events);
  return out;
}
