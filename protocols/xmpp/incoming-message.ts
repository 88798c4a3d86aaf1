/**
 * Reading a received <message/>: RFC 6121 §5 (chat and normal messages),
 * XEP-0280 §6–§7 and §11 (carbon copies, accepted only from our own bare JID),
 * XEP-0045 §7.4 (room messages), XEP-0203 (delayed delivery: the original time)
 * and RFC 6120 §8.3 (error bounces of what we sent).
 */
import type { Element } from '@xmpp/xml';
import type { IncomingMessage } from '../adapter';
import { formatBare, parseJid } from './jid';
import { NS_CARBONS, NS_DELAY } from './stanzas';

const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

export type ParsedMessage =
  /** `id`: the stanza id, which a resent copy keeps (see inbound.ts). */
  | { kind: 'chat'; message: IncomingMessage; id?: string | undefined }
  | { kind: 'group'; room: string; nick: string; body: string; time: Date; delayed: boolean }
  | { kind: 'bounce'; id: string; peer: string; reason: string }
  | { kind: 'none' }
  | { kind: 'dropped'; reason: string };

/** The first <body/> without a language, or else the first one (RFC 6121 §5.2.3). */
function bodyOf(message: Element): string | undefined {
  const bodies = message.getChildren('body');
  const body = bodies.find((b) => !b.attrs['xml:lang']) ?? bodies[0];
  return body?.getText();
}

/** XEP-0203: when the message was first sent, if a server held it. */
export function timeOf(message: Element, now: Date): Date {
  const stamp = message.getChild('delay', NS_DELAY)?.attrs.stamp;
  const time = stamp ? new Date(stamp) : undefined;
  return time && !Number.isNaN(time.getTime()) && time.getTime() <= now.getTime() + 60_000 ? time : now;
}

/** Words for a bounce (RFC 6120 §8.3.3), without echoing the message back. */
export function errorReason(message: Element): string {
  const error = message.getChild('error');
  const condition = error?.getChildElements().find((c) => c.getNS() === NS_STANZAS && c.name !== 'text')?.name;
  const text = error?.getChildText('text', NS_STANZAS);
  const words: Record<string, string> = {
    'service-unavailable': 'the recipient is not available',
    'item-not-found': 'there is no such address',
    'recipient-unavailable': 'the recipient is not available',
    'remote-server-not-found': "the recipient's server could not be reached",
    'remote-server-timeout': "the recipient's server did not answer",
    'policy-violation': 'the server refused it by policy',
    'not-acceptable': 'the server refused it',
    'resource-constraint': 'the server is overloaded',
    forbidden: 'sending there is not allowed',
  };
  const base = condition ? (words[condition] ?? `the server answered ${condition}`) : 'the server reported an error';
  return text && text.length < 300 ? `${base} (${text})` : base;
}

function parseCarbon(outer: Element, ownBare: string, now: Date): ParsedMessage | undefined {
  const wrapper = outer.getChild('received', NS_CARBONS) ?? outer.getChild('sent', NS_CARBONS);
  if (!wrapper) return undefined;
  // XEP-0280 §11: anyone can send a "carbon"; only our own server's, from our bare JID, are real.
  // A stanza without `from` comes from our own account (RFC 6120 §8.1.2.1).
  const from = outer.attrs.from;
  const sender = from === undefined ? undefined : parseJid(from);
  if (from !== undefined && (!sender || formatBare(sender) !== ownBare || sender.resource)) {
    return { kind: 'dropped', reason: `A forged carbon copy from ${from.slice(0, 200)} was ignored.` };
  }
  const inner = wrapper.getChild('forwarded', NS_FORWARD)?.getChild('message');
  const body = inner ? bodyOf(inner) : undefined;
  if (!inner || body === undefined) return { kind: 'none' };
  const sent = wrapper.name === 'sent';
  const other = parseJid((sent ? inner.attrs.to : inner.attrs.from) ?? '');
  if (!other) return { kind: 'dropped', reason: 'A carbon copy without a valid peer address was ignored.' };
  if (inner.attrs.type === 'groupchat' || inner.attrs.type === 'error') return { kind: 'none' };
  const message: IncomingMessage = {
    peer: formatBare(other),
    body,
    time: timeOf(inner, timeOf(outer, now)),
    carbon: sent ? 'sent' : 'received',
  };
  if (other.resource) message.instance = other.resource;
  return { kind: 'chat', message, id: inner.attrs.id };
}

export function parseMessage(stanza: Element, ownBare: string, now = new Date()): ParsedMessage {
  const carbon = parseCarbon(stanza, ownBare, now);
  if (carbon) return carbon;
  const type = stanza.attrs.type ?? 'normal';
  const from = parseJid(stanza.attrs.from ?? '');
  if (type === 'error') {
    const id = stanza.attrs.id;
    return id && from ? { kind: 'bounce', id, peer: formatBare(from), reason: errorReason(stanza) } : { kind: 'none' };
  }
  const body = bodyOf(stanza);
  if (body === undefined || !from) return { kind: 'none' };
  const time = timeOf(stanza, now);
  if (type === 'groupchat') {
    return {
      kind: 'group',
      room: formatBare(from),
      nick: from.resource,
      body,
      time,
      delayed: stanza.getChild('delay', NS_DELAY) !== undefined,
    };
  }
  const message: IncomingMessage = { peer: formatBare(from), body, time };
  if (from.resource) message.instance = from.resource;
  // Headlines are announcements (RFC 6121 §5.2.2): shown, never answered.
  if (type === 'headline') message.notice = true;
  return { kind: 'chat', message, id: stanza.attrs.id };
}
