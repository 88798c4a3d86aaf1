/**
 * The OTRv4 interactive DAKE inside a conversation ("Protocol Events"): starting
 * one in answer to a query or a whitespace tag (our Identity message, from the
 * master until we learn the buddy's instance tag), and taking each DAKE message
 * from a login. As with v3's AKE (after-ake.ts), a login not seen before is kept
 * only once a step from it is accepted, new logins are rate-limited, and an
 * instance answering the Identity message the master sent gets the master's
 * state, so that every login of the buddy can complete with it.
 */
import { receiveDakeMessage, startDake, type DakeParty } from '../v4/dake/dake';
import { MSG_AUTH_I } from '../v4/wire/header';
import { afterGoingPrivate } from './after-ake';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome, Outgoing } from './conversation-types';
import type { InstanceSession } from './instance-session';
import { MASTER } from './instance-tags';

/** Who we are in a DAKE with `inst`; throws if the conversation has no v4 keys (a caller's bug: policy masks v4 then). */
export function dakeParty(conv: ConversationInternals, inst: InstanceSession): DakeParty {
  const v4 = conv.options.v4;
  if (!v4) throw new Error('OTRv4 needs the account’s v4 keys');
  return {
    env: conv.options.env,
    profile: v4.profile(),
    identity: v4.identity,
    forging: conv.v4Own().forging,
    ourTag: conv.options.ourTag,
    ...(inst.theirTag === MASTER ? {} : { theirTag: inst.theirTag }),
    names: v4.names,
  };
}

/** Our Identity message ("Starting a conversation interactively"): to the login if known, else from the master. */
export function beginDake(conv: ConversationInternals, inst: InstanceSession): Outgoing[] {
  const now = conv.now();
  // Asked again while our Identity message is out and fresh: the same one again, so
  // that an Auth-R answering the first still completes (as v3 resends its commit).
  if (inst.dake.state === 'waiting-auth-r' && now - inst.dakeSince <= conv.akeTimeoutMs())
    return conv.wireV4(inst.dake.identityMessage, inst);
  const step = startDake(dakeParty(conv, inst));
  inst.dake = step.state;
  inst.dakeSince = now;
  conv.akeRequestedAt ??= now;
  return step.send ? conv.wireV4(step.send, inst) : [];
}

/** One DAKE message (Identity, Auth-R or Auth-I) from the login `inst`, its header already checked. */
export function handleDakeMessage(
  conv: ConversationInternals,
  inst: InstanceSession,
  type: number,
  bytes: Uint8Array,
): Outcome {
  const master = conv.instances.master;
  // An Auth-R answering the Identity message the master sent, or an Identity message
  // crossing it: this login takes the master's state on (the crossing rule needs it).
  if (type !== MSG_AUTH_I && inst !== master && inst.dake.state === 'idle' && master.dake.state === 'waiting-auth-r') {
    inst.dake = master.dake;
    inst.dakeSince = master.dakeSince;
  }
  const step = receiveDakeMessage(inst.dake, bytes, dakeParty(conv, inst));
  const resend = step.send ? conv.wireV4(step.send, inst) : [];
  if (step.ignored && !step.complete && step.state === inst.dake) {
    return { send: resend, events: [{ type: 'ake-ignored', reason: step.ignored }] };
  }
  if (!conv.instances.admit(inst)) {
    return { send: [], events: [{ type: 'ake-ignored', reason: 'too many logins of this buddy are private at once' }] };
  }
  if (inst.dake.state === 'idle') inst.dakeSince = conv.now();
  inst.dake = step.state;
  inst.lastReceivedAt = conv.now();
  const out: Outcome = { send: resend, events: [] };
  if (step.complete) {
    out.events.push(inst.goSecureV4(step.complete, conv.options.env, conv.options.ourTag));
    conv.akeRequestedAt = undefined;
    const after = afterGoingPrivate(conv, inst);
    out.send.push(...after.send);
    out.events.push(...after.events);
  }
  return out;
}
