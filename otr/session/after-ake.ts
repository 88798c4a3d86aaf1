/**
 * What follows an AKE that made an instance private: messages follow the best
 * instance (instance-choice.ts); messages the buddy could not read go again,
 * encrypted for the same key (sent-log.ts); then the messages held while the
 * conversation was not private, in the order typed, to the instance messages
 * now go to. Held messages wait instead when that login's key is not verified
 * and the user has verified another key of the buddy: they were typed for the
 * buddy the user knows, not for whichever login answers first.
 */
import { handleAkeMessage, startAke, type AkeParty } from '../ake/ake';
import type { ProtocolVersion } from '../wire/messages';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome, Outgoing } from './conversation-types';
import type { InstanceSession } from './instance-session';

function akeParty(conv: ConversationInternals, inst: InstanceSession): AkeParty {
  const { env, ourKey, ourTag } = conv.options;
  return { env, longTerm: ourKey, ourTag, theirTag: inst.theirTag };
}

/** Starts an AKE ourselves, in answer to a query or a whitespace tag. */
export function beginAke(conv: ConversationInternals, version: ProtocolVersion, inst: InstanceSession): Outgoing[] {
  // Asked again while our commit is out (several queries crossing): the same commit
  // again, so that an answer to the first one still completes. Only while it is fresh:
  // a commit kept for later refreshes would reuse one x, and an r already revealed.
  const now = conv.now();
  const fresh = now - inst.authSince <= conv.akeTimeoutMs();
  if (inst.auth.state === 'awaiting-dhkey' && inst.auth.version === version && fresh)
    return conv.wire(inst.auth.commit, inst);
  const step = startAke(akeParty(conv, inst), version);
  inst.auth = step.auth;
  inst.authSince = now;
  conv.akeRequestedAt ??= now;
  return step.send ? conv.wire(step.send, inst) : [];
}

/** One AKE message for `inst`; a login not known yet is kept only if the step is accepted. */
export function handleAkeStep(
  conv: ConversationInternals,
  inst: InstanceSession,
  m: Parameters<typeof handleAkeMessage>[1],
): Outcome {
  const step = handleAkeMessage(inst.auth, m, akeParty(conv, inst));
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

export function afterGoingPrivate(conv: ConversationInternals, inst: InstanceSession): Outcome {
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
