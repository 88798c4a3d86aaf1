/**
 * What follows an AKE that made an instance private: messages follow the best
 * instance (instance-choice.ts); messages the buddy could not read go again,
 * encrypted for the same key (sent-log.ts); then the messages held while the
 * conversation was not private, in the order typed, to the instance messages
 * now go to. Held messages wait instead when that login's key is not verified
 * and the user has verified another key of the buddy: they were typed for the
 * buddy the user knows, not for whichever login answers first.
 */
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import type { InstanceSession } from './instance-session';

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
