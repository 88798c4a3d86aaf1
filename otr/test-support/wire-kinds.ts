/**
 * What a conversation put on the wire, named the way the spec names messages
 * ('dh-commit', 'data', 'error', 'query', …), so that tests can say "it sent a
 * D-H Key" without parsing by hand; and the reverse, a binary message as text.
 */
import type { Outgoing } from '../session/conversation-types';
import { decodeMessage, encodeMessage, type BinaryMessage, type DecodedMessage } from '../wire/messages';
import { classify, encodeOtrMessage } from '../wire/text-messages';

export type WireKind = BinaryMessage['type'] | 'error' | 'query' | 'fragment' | 'plaintext' | 'malformed';

export function wireKind(text: string): WireKind {
  const c = classify(text);
  switch (c.kind) {
    case 'encoded':
      return decodeMessage(c.bytes).type;
    case 'tagged':
      return 'plaintext';
    default:
      return c.kind;
  }
}

export const wireKinds = (out: readonly Outgoing[]): WireKind[] => out.map((o) => wireKind(o.text));

/** The binary message in an encoded `?OTR:…` text; throws for anything else. */
export function decodeText(text: string): DecodedMessage {
  const c = classify(text);
  if (c.kind !== 'encoded') throw new Error(`not an encoded OTR message: ${c.kind}`);
  return decodeMessage(c.bytes);
}

export const encodeText = (m: BinaryMessage): string => encodeOtrMessage(encodeMessage(m));
