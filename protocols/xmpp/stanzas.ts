/**
 * The stanzas we send: RFC 6121 §5 (chat messages), §4 (presence) and §3
 * (subscriptions), XEP-0364 §4.3 with XEP-0334 and XEP-0280 §7 (the hints on
 * OTR messages), XEP-0203 (the original time of a resent message), and the
 * size rule that keeps one message within what servers accept; and reading
 * one of our messages back from its stanza.
 */
import { xml, type Element } from '@xmpp/xml';
import { AdapterError, type Availability } from '../adapter';
import { formatBare, parseJid } from './jid';
import type { OutgoingMessage } from './outbox';
import { firstNonXmlChar } from './xml-text';

export const NS_HINTS = 'urn:xmpp:hints';
export const NS_CARBONS = 'urn:xmpp:carbons:2';
export const NS_DELAY = 'urn:xmpp:delay';

/**
 * The longest body, in UTF-8 bytes, the OTR layer may put in one message.
 * Servers limit a whole stanza: Prosody to 256 KiB by default
 * (c2s_stanza_size_limit), ejabberd's example config to 256 KiB too, and a
 * message to a contact on another server crosses a second server with its own
 * limit. A body is wrapped in an envelope (addresses of up to 3 KiB, hints,
 * and again when the server copies it as a carbon or into an archive), and
 * XML escaping can grow text (`&` is 5 bytes as `&amp;`). OTR data is base64
 * and never grows, so 64 KiB leaves a wide margin below 256 KiB for it, and
 * ordinary text is still checked against STANZA_LIMIT_BYTES when sent.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** The most we send in one stanza, envelope and escaping included: below the common 256 KiB limit. */
export const STANZA_LIMIT_BYTES = 240 * 1024;

export interface ChatMessageSpec {
  to: string;
  body: string;
  id: string;
  type: 'chat' | 'groupchat';
  otr?: boolean;
  /** When the message was first sent, if this is a later attempt (XEP-0203). */
  delayedSince?: Date | undefined;
  from?: string | undefined;
}

/** Refuses text XML cannot carry; see xml-text.ts for why that matters. */
export function checkBody(body: string): void {
  if (typeof body !== 'string') throw new AdapterError('A message body must be text.', 'config');
  const bad = firstNonXmlChar(body);
  if (bad)
    throw new AdapterError(`The message contains a character XMPP cannot carry (${bad}); it was not sent.`, 'protocol');
}

export function chatMessage(spec: ChatMessageSpec): Element {
  const message = xml(
    'message',
    { type: spec.type, to: spec.to, id: spec.id },
    xml('body', {}, spec.body),
    // XEP-0364 §4.3: OTR data is for one session on one device. Servers must
    // not archive it (XEP-0334 no-store) nor copy it to our other resources,
    // which could not decrypt it (no-copy, and XEP-0280 §7's <private/>).
    spec.otr && xml('no-store', { xmlns: NS_HINTS }),
    spec.otr && xml('no-copy', { xmlns: NS_HINTS }),
    spec.otr && xml('private', { xmlns: NS_CARBONS }),
    spec.delayedSince && xml('delay', { xmlns: NS_DELAY, from: spec.from, stamp: spec.delayedSince.toISOString() }),
  );
  const bytes = Buffer.byteLength(message.toString(), 'utf8');
  if (bytes > STANZA_LIMIT_BYTES) {
    throw new AdapterError(
      `The message is too long for XMPP servers (${Math.ceil(bytes / 1024)} KiB as XML; at most ${STANZA_LIMIT_BYTES / 1024} KiB are sent in one message).`,
      'protocol',
    );
  }
  return message;
}

/**
 * One of our own messages read back from the stanza we wrote, for a resend
 * when the outbox no longer remembers it. Its first time is the XEP-0203
 * stamp if it already carries one; otherwise only known to be before now.
 */
export function sentMessage(stanza: Element, now = new Date()): OutgoingMessage | undefined {
  const to = parseJid(stanza.attrs.to ?? '');
  const body = stanza.getChildText('body');
  const id = stanza.attrs.id;
  if (!to || body === null || !id) return undefined;
  const kind = stanza.attrs.type === 'groupchat' ? 'group' : 'chat';
  const stamp = new Date(stanza.getChild('delay', NS_DELAY)?.attrs.stamp ?? Number.NaN);
  const message: OutgoingMessage = {
    id,
    kind,
    peer: formatBare(to),
    body,
    otr: stanza.getChild('no-store', NS_HINTS) !== undefined,
    createdAt: Number.isNaN(stamp.getTime()) ? now : stamp,
    attempts: 1,
  };
  return kind === 'chat' && to.resource ? { ...message, instance: to.resource } : message;
}

/** RFC 6121 §4.7.2.1: `show` values; invisibility is not a show value (see presence handling). */
const SHOW: Partial<Record<Availability, string>> = { away: 'away', dnd: 'dnd', xa: 'xa' };

export function presence(availability: Availability, status: string | undefined, to?: string): Element {
  const show = SHOW[availability];
  return xml('presence', { to }, show && xml('show', {}, show), status ? xml('status', {}, status) : undefined);
}

export type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

export function subscription(to: string, type: SubscriptionType): Element {
  return xml('presence', { to, type });
}

export const NS_ROSTER = 'jabber:iq:roster';

export function rosterSet(item: {
  jid: string;
  name?: string | undefined;
  groups?: string[];
  remove?: boolean;
}): Element {
  const groups = item.groups ?? [];
  return xml(
    'query',
    { xmlns: NS_ROSTER },
    xml(
      'item',
      { jid: item.jid, name: item.remove ? undefined : item.name, subscription: item.remove ? 'remove' : undefined },
      ...(item.remove ? [] : groups.map((g) => xml('group', {}, g))),
    ),
  );
}
