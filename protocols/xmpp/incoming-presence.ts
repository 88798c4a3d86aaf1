/**
 * Reading a received <presence/>: RFC 6121 §4 (availability and status), §3
 * (subscription requests and answers) and XEP-0045 §7.2 (room occupants, our
 * own join confirmed by status 110, nick changes by 303, join errors).
 */
import type { Element } from '@xmpp/xml';
import type { Availability, Presence } from '../adapter';
import { formatBare, parseJid } from './jid';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** A status longer than this is cut: it is shown in a buddy list, not read as a letter. */
const MAX_STATUS_CHARS = 1024;

export type ParsedPresence =
  | { kind: 'presence'; presence: Presence }
  | { kind: 'subscription'; peer: string; type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed' }
  | {
      kind: 'occupant';
      room: string;
      nick: string;
      available: boolean;
      self: boolean;
      codes: string[];
      newNick?: string;
    }
  | { kind: 'room-error'; room: string; nick: string; reason: string; condition: string }
  | { kind: 'none' };

const SHOWS: Record<string, Availability> = { away: 'away', dnd: 'dnd', xa: 'xa', chat: 'available' };

const ROOM_ERRORS: Record<string, string> = {
  conflict: 'that nickname is already in use in the room',
  'not-authorized': 'the room needs a password',
  forbidden: 'you are banned from the room',
  'registration-required': 'the room is for members only',
  'service-unavailable': 'the room is full or not available',
  'item-not-found': 'the room does not exist or is locked',
  'not-allowed': 'creating rooms is not allowed there',
  'jid-malformed': 'a nickname is needed',
  'not-acceptable': 'the room does not accept that nickname',
};

function roomError(stanza: Element): { reason: string; condition: string } {
  const condition =
    stanza
      .getChild('error')
      ?.getChildElements()
      .find((c) => c.getNS() === NS_STANZAS && c.name !== 'text')?.name ?? '';
  return {
    condition,
    reason: condition ? (ROOM_ERRORS[condition] ?? `the room answered ${condition}`) : 'the room refused',
  };
}

export function parsePresence(stanza: Element, isRoom: (bare: string) => boolean): ParsedPresence {
  const from = parseJid(stanza.attrs.from ?? '');
  if (!from) return { kind: 'none' };
  const bare = formatBare(from);
  const type = stanza.attrs.type;
  const mucUser = stanza.getChild('x', NS_MUC_USER);
  if (isRoom(bare) && from.resource) {
    if (type === 'error') return { kind: 'room-error', room: bare, nick: from.resource, ...roomError(stanza) };
    if (type === undefined || type === 'unavailable') {
      const codes = (mucUser?.getChildren('status') ?? []).map((s) => s.attrs.code ?? '');
      const newNick = mucUser?.getChild('item')?.attrs.nick;
      const occupant: ParsedPresence = {
        kind: 'occupant',
        room: bare,
        nick: from.resource,
        available: type === undefined,
        self: codes.includes('110'),
        codes,
      };
      if (codes.includes('303') && newNick) occupant.newNick = newNick;
      return occupant;
    }
    return { kind: 'none' };
  }
  // A room's occupant presence for a room we are no longer in: not a buddy's.
  if (mucUser) return { kind: 'none' };
  if (type === 'subscribe' || type === 'subscribed' || type === 'unsubscribe' || type === 'unsubscribed') {
    return { kind: 'subscription', peer: bare, type };
  }
  if (type !== undefined && type !== 'unavailable') return { kind: 'none' }; // probe, error
  const presence: Presence = {
    peer: bare,
    availability: type === 'unavailable' ? 'offline' : (SHOWS[stanza.getChildText('show') ?? ''] ?? 'available'),
  };
  if (from.resource) presence.instance = from.resource;
  const status = stanza.getChildText('status');
  if (status) presence.status = status.slice(0, MAX_STATUS_CHARS);
  return { kind: 'presence', presence };
}
