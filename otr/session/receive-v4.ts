/**
 * What arrives in OTRv4's encoding: its fragments (`?OTR|id|sender|receiver,…`,
 * reassembled in any order) and its encoded messages (protocol version 4 in the
 * header): the DAKE's three messages go to dake-host.ts, Data Messages to the
 * instance's double ratchet ("Receiving a Data Message"). As in receive.ts,
 * nothing here throws on bad input: it becomes an event.
 */
import { readHeader, MSG_DATA, PROTOCOL_VERSION_4 } from '../v4/wire/header';
import { FLAG_IGNORE_UNREADABLE } from '../v4/wire/data-message';
import { parseV4Fragment } from '../v4/wire/fragments';
import { V4Reader } from '../v4/wire/codec';
import { WireError } from '../wire/codec';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import { handleDakeMessage } from './dake-host';
import type { InstanceSession } from './instance-session';
import { MIN_INSTANCE_TAG } from './instance-tags';
import { allowsVersion } from './policy';
import { openV4 } from './private-v4';
import { finishData, unreadable } from './received-data';
import { cutShortTlvType } from './verification';

const none = (): Outcome => ({ send: [], events: [] });
const malformed = (reason: string): Outcome => ({ send: [], events: [{ type: 'malformed', reason }] });

/** An encoded message is OTRv4's when its protocol version says 4. */
export function isV4Encoded(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] as number) << 8) + (bytes[1] as number) === PROTOCOL_VERSION_4;
}

/** A v4 fragment, or undefined when `raw` is not one (then it is OTRv3's). */
export function receiveFragmentV4(
  conv: ConversationInternals,
  raw: string,
  whole: (message: string) => Outcome,
): Outcome | undefined {
  const f = parseV4Fragment(raw);
  if (!f) return undefined;
  if (!allowsVersion(conv.policy, 4)) return none();
  if (f.senderTag < MIN_INSTANCE_TAG) return malformed('a fragment with an invalid sender instance tag');
  if (f.receiverTag !== 0 && f.receiverTag !== conv.options.ourTag)
    return { send: [], events: [{ type: 'for-other-instance' }] };
  const r = conv.v4Reassembler.add(f, conv.now());
  switch (r.status) {
    case 'incomplete':
      return none();
    case 'discarded':
      return malformed(`dropped ${r.reason}`);
    case 'complete':
      return whole(r.message);
  }
}

export function receiveEncodedV4(conv: ConversationInternals, bytes: Uint8Array): Outcome {
  if (!allowsVersion(conv.policy, 4)) return none();
  let header;
  try {
    header = readHeader(new V4Reader(bytes));
  } catch (e) {
    return malformed(e instanceof WireError ? e.message : 'an undecodable OTRv4 message');
  }
  if (header.senderTag < MIN_INSTANCE_TAG) return malformed('an invalid sender instance tag');
  if (header.receiverTag !== 0 && header.receiverTag !== conv.options.ourTag)
    return { send: [], events: [{ type: 'for-other-instance' }] };
  // Not kept until a DAKE step from it is accepted: forged tags leave nothing behind.
  const inst = conv.instances.lookup(header.senderTag);
  if (header.type === MSG_DATA) return receiveDataV4(conv, inst, bytes);
  // Every DAKE with a new login costs exponentiations and ring signatures: a flood of new tags gets few.
  if (!conv.instances.has(inst.theirTag) && !conv.newLogins.take(conv.now()))
    return { send: [], events: [{ type: 'ake-ignored', reason: 'too many new logins at once' }] };
  const out = handleDakeMessage(conv, inst, header.type, bytes);
  // The Auth-I that made this login private: what it sent after it, and came first, is read now.
  if (inst.msgState === 'encrypted' && inst.earlyData.length > 0) {
    for (const early of inst.earlyData.splice(0)) {
      const more = receiveDataV4(conv, inst, early);
      out.send.push(...more.send);
      out.events.push(...more.events);
      if (more.received && !out.received) out.received = more.received;
      else if (more.received) (out.alsoReceived ??= []).push(more.received);
    }
  }
  return out;
}

/** "If this is the first DH ratchet after a DAKE, store this message" (while we wait for Auth-I): a few, kept until the DAKE ends. */
const MAX_EARLY_DATA = 16;

function receiveDataV4(conv: ConversationInternals, inst: InstanceSession, bytes: Uint8Array): Outcome {
  const p = inst.private;
  if (inst.dake.state === 'waiting-auth-i' && conv.instances.has(inst.theirTag) && p?.version !== 4) {
    if (inst.earlyData.length < MAX_EARLY_DATA) inst.earlyData.push(bytes);
    return none();
  }
  if (inst.msgState !== 'encrypted' || p?.version !== 4) {
    const flags = bytes.length > 11 ? (bytes[11] as number) : 0;
    if (flags & FLAG_IGNORE_UNREADABLE) return none();
    return unreadable(conv, inst, 'no OTRv4 private conversation with that login is running', 'ERROR_2');
  }
  const opened = openV4(p, bytes);
  if (!opened.ok) {
    if (opened.replay) return { send: [], events: [{ type: 'replayed', instanceTag: inst.theirTag }] };
    if (opened.flags & FLAG_IGNORE_UNREADABLE) return none();
    return unreadable(conv, inst, opened.reason, 'ERROR_1');
  }
  inst.lastReceivedAt = conv.now();
  return finishData(
    conv,
    inst,
    opened.text,
    opened.tlvs,
    opened.extraKey,
    opened.malformed ? [{ type: 'malformed', reason: opened.malformed }] : [],
    opened.malformed ? cutShortTlvType(opened.plaintext, opened.tlvs) : undefined,
  );
}
