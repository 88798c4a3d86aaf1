/**
 * Everything that arrives from the buddy (Protocol-v3, "State transitions",
 * received messages): fragments, encoded AKE and data messages, errors, queries
 * and plaintext with or without the whitespace tag. Nothing here throws on bad
 * input: it becomes an event, and the conversation carries on.
 */
import { decodeMessage, FLAG_IGNORE_UNREADABLE, type DataMessage, type DecodedMessage } from '../wire/messages';
import { WireError } from '../wire/codec';
import { parseFragment } from '../wire/fragments';
import { classify } from '../wire/text-messages';
import { decodePlaintext } from '../wire/tlv';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import { MASTER, MIN_INSTANCE_TAG } from './instance-tags';
import type { InstanceSession } from './instance-session';
import { allowsVersion } from './policy';
import { finishData, unreadable } from './received-data';
import { isV4Encoded, receiveEncodedV4, receiveFragmentV4 } from './receive-v4';
import { cutShortTlvType } from './verification';

const none = (): Outcome => ({ send: [], events: [] });

export function receiveMessage(conv: ConversationInternals, raw: string, fromFragments = false): Outcome {
  const c = classify(raw);
  // An unfragmented message ends a partial one from the same sender only (libotr keeps
  // fragments per instance): v3 messages name their sender; the rest are the master's.
  if (c.kind !== 'fragment' && c.kind !== 'encoded') conv.reassembler.reset(MASTER);
  switch (c.kind) {
    case 'fragment':
      return fromFragments
        ? { send: [], events: [{ type: 'malformed', reason: 'a fragment inside a fragmented message' }] }
        : receiveFragment(conv, c.raw);
    case 'malformed':
      return { send: [], events: [{ type: 'malformed', reason: c.reason }] };
    case 'encoded':
      return receiveEncoded(conv, c.bytes);
    case 'error': {
      const out: Outcome = { send: [], events: [{ type: 'peer-error', text: c.text }] };
      conv.sentLog.peerCouldNotRead(conv.now());
      // Their client could not read us (it lost its session, say): start over when policy says so.
      if (conv.policy.errorStartAke && !conv.akeInProgress()) out.send.push(...conv.start().send);
      return out;
    }
    case 'query':
      return { send: conv.answerOffer(c.versions), events: [] };
    case 'tagged':
    case 'plaintext': {
      const out: Outcome = { send: [], events: [], received: { text: c.text, encrypted: false } };
      const target = conv.target();
      if (target.msgState !== 'plaintext' || conv.policy.requireEncryption)
        out.events.push({ type: 'received-unencrypted' });
      if (c.kind === 'plaintext') out.events.push(...conv.offer.answeredInPlaintext(conv.policy));
      // "In any event" (Protocol-v3): even while private, a tag means their side is in
      // plaintext, most likely because it lost its session, so a new AKE is what helps.
      else if (conv.policy.whitespaceStartAke) out.send.push(...conv.answerOffer(c.versions));
      return out;
    }
  }
}

function receiveFragment(conv: ConversationInternals, raw: string): Outcome {
  const v4 = receiveFragmentV4(conv, raw, (message) => receiveMessage(conv, message, true));
  if (v4) return v4;
  const f = parseFragment(raw);
  if (!f) return { send: [], events: [{ type: 'malformed', reason: 'a fragment that does not parse' }] };
  if (!allowsVersion(conv.policy, f.version)) return none();
  if (f.version === 3) {
    if (f.senderTag < MIN_INSTANCE_TAG)
      return { send: [], events: [{ type: 'malformed', reason: 'a fragment with an invalid sender instance tag' }] };
    if (f.receiverTag !== 0 && f.receiverTag !== conv.options.ourTag)
      return { send: [], events: [{ type: 'for-other-instance' }] };
  }
  const r = conv.reassembler.add(f, conv.now());
  switch (r.status) {
    case 'incomplete':
      return none();
    case 'discarded':
      return { send: [], events: [{ type: 'malformed', reason: `dropped ${r.reason}` }] };
    case 'complete':
      return receiveMessage(conv, r.message, true);
  }
}

function receiveEncoded(conv: ConversationInternals, bytes: Uint8Array): Outcome {
  if (isV4Encoded(bytes)) return receiveEncodedV4(conv, bytes);
  let m: DecodedMessage;
  try {
    m = decodeMessage(bytes);
  } catch (err) {
    const reason = err instanceof WireError ? err.message : 'an undecodable OTR message';
    return { send: [], events: [{ type: 'malformed', reason }] };
  }
  conv.reassembler.reset(m.version === 3 ? m.senderTag : MASTER);
  if (!allowsVersion(conv.policy, m.version)) return none();
  let inst: InstanceSession;
  if (m.version === 3) {
    if (m.senderTag < MIN_INSTANCE_TAG)
      return { send: [], events: [{ type: 'malformed', reason: 'an invalid sender instance tag' }] };
    if (m.receiverTag !== 0 && m.receiverTag !== conv.options.ourTag)
      return { send: [], events: [{ type: 'for-other-instance' }] };
    // Not kept until an AKE step from it is accepted (Conversation.handleAke): forged tags leave nothing behind.
    inst = conv.instances.lookup(m.senderTag);
  } else {
    inst = conv.instances.master;
  }
  if (m.type === 'data') return receiveData(conv, inst, m, m.authenticated ?? new Uint8Array(0));
  // Every AKE with a new login costs modular exponentiations: a flood of new tags gets few.
  if (!conv.instances.has(inst.theirTag) && !conv.newLogins.take(conv.now()))
    return { send: [], events: [{ type: 'ake-ignored', reason: 'too many new logins at once' }] };
  // Our commit went out from the master before we knew their tag: an instance that
  // answers it gets its own copy (libotr's otrl_auth_copy_on_key), unless it awaits a
  // D-H Key for a commit of its own. A commit of theirs meeting ours is the spec's race,
  // settled by comparing the hashes only if that instance knows of our commit too:
  // without the copy, both sides would answer each other's commit and then ignore each
  // other's D-H Key.
  const copies =
    m.type === 'dh-key' ? inst.auth.state !== 'awaiting-dhkey' : m.type === 'dh-commit' && inst.auth.state === 'none';
  const master = conv.instances.master;
  if (
    copies &&
    inst.theirTag !== MASTER &&
    master.auth.state === 'awaiting-dhkey' &&
    master.auth.version === m.version
  ) {
    inst.auth = { ...master.auth };
    inst.authSince = master.authSince;
  }
  return conv.handleAke(inst, m);
}

function receiveData(
  conv: ConversationInternals,
  inst: InstanceSession,
  m: DataMessage,
  authenticated: Uint8Array,
): Outcome {
  const opened = inst.open(m, authenticated);
  if (!opened.ok) {
    // A duplicate (a server resending what it had delivered) is no reason for an error,
    // which would make the sender restart the AKE and send its last message again.
    if (opened.replay) return { send: [], events: [{ type: 'replayed', instanceTag: inst.theirTag }] };
    if (m.flags & FLAG_IGNORE_UNREADABLE) return none();
    return unreadable(conv, inst, opened.reason);
  }
  inst.lastReceivedAt = conv.now();
  const { text, tlvs, malformed } = decodePlaintext(opened.plaintext);
  // The readable part stands; malformed TLVs after it are dropped with a word.
  const cutShort = malformed ? cutShortTlvType(opened.plaintext, tlvs) : undefined;
  return finishData(
    conv,
    inst,
    text,
    tlvs,
    () => opened.extraKey(),
    malformed ? [{ type: 'malformed', reason: malformed }] : [],
    cutShort,
  );
}
