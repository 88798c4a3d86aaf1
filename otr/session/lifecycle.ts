/**
 * A conversation's end and its timeouts: ending the private conversation with
 * every login (libotr's disconnect_all_instances), and what the host's tick()
 * finds expired (an AKE that got no answer, held messages that waited too
 * long, an AKE step nobody finished, partial fragments).
 */
import { AUTH_NONE } from '../ake/ake';
import { DAKE_IDLE } from '../v4/dake/dake';
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';
import { TLV_DISCONNECTED } from '../wire/tlv';
import type { ConversationInternals } from './conversation-internals';
import type { Outcome } from './conversation-types';
import type { OtrEvent } from './events';

export function endAll(conv: ConversationInternals): Outcome {
  const out: Outcome = { send: [], events: [] };
  const disconnect = [{ type: TLV_DISCONNECTED, value: new Uint8Array(0) }];
  for (const inst of conv.instances.values()) {
    if (inst.msgState === 'encrypted')
      out.send.push(...conv.sendTlvs(inst.theirTag, disconnect, '', FLAG_IGNORE_UNREADABLE).send);
    if (inst.msgState !== 'plaintext') out.events.push({ type: 'gone-plaintext', instanceTag: inst.theirTag });
    inst.toPlaintext();
  }
  out.events.push(...conv.held.expire(true), ...conv.choice.settle());
  conv.akeRequestedAt = undefined;
  conv.offer.reset();
  return out;
}

export function expireWaits(conv: ConversationInternals): Outcome {
  const now = conv.now();
  const timeout = conv.akeTimeoutMs();
  const events: OtrEvent[] = [];
  conv.reassembler.expire(now);
  conv.v4Reassembler.expire(now);
  // An AKE step unanswered for this long is dead, a refresh's too: its keys go.
  for (const inst of conv.instances.values()) {
    if (inst.auth.state !== 'none' && now - inst.authSince > timeout) inst.auth = AUTH_NONE;
    if (inst.dake.state !== 'idle' && now - inst.dakeSince > timeout) {
      inst.dake = DAKE_IDLE;
      inst.earlyData = [];
    }
  }
  if (conv.akeRequestedAt !== undefined && now - conv.akeRequestedAt > timeout && conv.akeInProgress()) {
    conv.akeRequestedAt = undefined;
    events.push({ type: 'ake-no-answer' }, ...conv.held.expire(true));
  } else {
    events.push(...conv.held.expire(false, now - timeout));
  }
  return { send: [], events };
}
