/**
 * What becomes of a message the user typed (Protocol-v3, "The protocol state
 * machine", user types a message): encrypted for the login messages go to, held
 * until the conversation is private (under REQUIRE_ENCRYPTION, or while an AKE
 * runs: only a query goes out), sent in plaintext (whitespace-tagged while OTR
 * is offered), or refused (the buddy ended the private conversation).
 */
import type { ConversationInternals } from './conversation-internals';
import type { SendOutcome } from './conversation-types';
import { isOtrEnabled } from './policy';

/** U+0000 ends the text of a data message and starts its TLVs: typed text never carries one. */
const withoutNul = (text: string) => text.replaceAll('\0', '');

export function decideSend(
  conv: ConversationInternals,
  rawText: string,
  id: number,
  instanceTag?: number,
): SendOutcome {
  const text = withoutNul(rawText);
  const outcome = (o: Omit<SendOutcome, 'id' | 'text'>): SendOutcome => ({ id, text, ...o });
  const refused = (reason: string) =>
    outcome({ status: 'refused', encrypted: false, send: [], events: [{ type: 'not-sent', reason }] });
  const plain = (wire: string) =>
    outcome({ status: 'sent', encrypted: false, send: [{ text: wire, otr: false, messageId: id }], events: [] });

  if (!isOtrEnabled(conv.policy)) return plain(text);
  const inst = instanceTag !== undefined ? conv.instances.get(instanceTag) : conv.target();
  if (!inst) return refused('that instance of the buddy is gone');
  switch (inst.msgState) {
    case 'encrypted': {
      // Written out (no spread): this is the path every private message takes.
      const send = conv.sealText(inst, id, text);
      return { status: 'sent', id, text, encrypted: true, fingerprint: inst.private!.fingerprint, send, events: [] };
    }
    case 'finished':
      return refused('your buddy has ended the private conversation: end it too, or refresh it, before sending');
    case 'plaintext': {
      if (conv.policy.requireEncryption || conv.akeInProgress()) {
        conv.held.hold(id, text, conv.now());
        const out = conv.akeInProgress() ? { send: [], events: [] } : conv.start();
        return outcome({
          status: 'held',
          encrypted: false,
          send: out.send,
          events: [...out.events, { type: 'message-held', id }],
        });
      }
      return plain(conv.offer.tag(text, conv.policy, conv.options.whitespaceTagFirst === true));
    }
  }
}
