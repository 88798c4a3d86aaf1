/**
 * The one interface every chat network adapter implements. The app core and the
 * OTR layer use it without knowing which network is behind it; library types
 * (xmpp.js elements, irc-framework events) never cross it.
 */

export type ProtocolId = 'xmpp' | 'irc';

export type ErrorKind = 'auth' | 'network' | 'certificate' | 'protocol' | 'config';

export type ConnectionState =
  | { state: 'offline' }
  | { state: 'connecting' }
  | { state: 'online' }
  | { state: 'reconnecting'; attempt: number; retryInMs: number; reason: string }
  /** `reason` is written for a person: it is shown as it is. */
  | { state: 'error'; kind: ErrorKind; reason: string };

export type Availability = 'available' | 'away' | 'dnd' | 'xa' | 'offline';

export interface Presence {
  /** Bare JID on XMPP, nick on IRC. */
  peer: string;
  /** The XMPP resource or other per-login instance, when the network has one. */
  instance?: string;
  availability: Availability;
  status?: string;
}

export interface IncomingMessage {
  peer: string;
  instance?: string;
  /** The body exactly as it came, before any OTR processing or HTML sanitizing. */
  body: string;
  time: Date;
  /** A NOTICE on IRC: shown, never answered automatically. */
  notice?: boolean;
}

export interface RosterEntry {
  peer: string;
  name?: string;
  groups: string[];
  subscription: 'none' | 'to' | 'from' | 'both';
  /** We asked to see their presence and they have not answered yet. */
  pending?: boolean;
}

export interface SendOptions {
  /** The body carries OTR data: XMPP adds the XEP-0364 no-store and no-copy hints. */
  otr?: boolean;
  /** Send to this instance (a full JID's resource on XMPP) instead of the bare peer. */
  instance?: string;
}
