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

/** Thrown by adapter methods; `message` is written for a person. */
export class AdapterError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
  ) {
    super(message);
    this.name = 'AdapterError';
  }
}

export type Availability = 'available' | 'away' | 'dnd' | 'xa' | 'invisible' | 'offline';

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
  /** The XMPP resource it came from, when the network has one. */
  instance?: string;
  /** The body exactly as it came, before any OTR processing or HTML sanitizing. */
  body: string;
  time: Date;
  /** A NOTICE on IRC: shown, never answered automatically. */
  notice?: boolean;
  /**
   * An XMPP carbon copy (XEP-0280): `sent` is a message another of our own
   * resources sent to `peer`, `received` one that `peer` sent to another of our
   * resources. OTR data in a carbon was not encrypted for this resource.
   */
  carbon?: 'sent' | 'received';
}

export interface RosterEntry {
  peer: string;
  name?: string;
  groups: string[];
  subscription: 'none' | 'to' | 'from' | 'both';
  /** We asked to see their presence and they have not answered yet. */
  pending?: boolean;
}

export interface SubscriptionEvent {
  peer: string;
  /** request: they ask to see our presence; the others answer our own request, or withdraw. */
  kind: 'request' | 'approved' | 'denied' | 'removed';
}

/** A certificate the system does not trust; the user may accept it by fingerprint. */
export interface UntrustedCertificate {
  host: string;
  /** SHA-256 of the DER certificate, as colon-separated upper-case hex. */
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Why the system refused it, in words (self-signed, expired, wrong host…). */
  reason: string;
}

export interface GroupMessage {
  room: string;
  nick: string;
  body: string;
  time: Date;
  /** Our own message echoed back by the room. */
  own?: boolean;
}

export interface GroupMembers {
  room: string;
  members: string[];
}

export interface SendOptions {
  /** The body carries OTR data: XMPP adds the XEP-0364 no-store and no-copy hints. */
  otr?: boolean;
  /** Send to this instance (a full JID's resource on XMPP) instead of the bare peer. */
  instance?: string;
}

export interface SendResult {
  /** sent: handed to the server; queued: held while reconnecting, delivered on reconnect. */
  status: 'sent' | 'queued';
  /** A body over the network's line limit was sent as this many separate lines (IRC). */
  parts?: number;
}

export interface AdapterEvents {
  state: ConnectionState;
  message: IncomingMessage;
  presence: Presence;
  /** The whole roster, after login and after every change. */
  roster: RosterEntry[];
  subscription: SubscriptionEvent;
  certificate: UntrustedCertificate;
  'group.message': GroupMessage;
  'group.members': GroupMembers;
  /** A queued message that could not be delivered: never lost without a word. */
  'send.failed': { peer: string; body: string; reason: string };
  /** Input from the network that was dropped (malformed, oversized, flood), and why. */
  dropped: { reason: string };
}

export type AdapterEventName = keyof AdapterEvents;

export interface ProtocolAdapter {
  readonly protocol: ProtocolId;
  /** The account as the user knows it: a bare JID, or nick@server on IRC. */
  readonly accountName: string;
  /**
   * The longest body, in UTF-8 bytes, that reaches the peer in one piece: the OTR
   * layer fragments to this. On IRC it accounts for the prefix the server adds.
   */
  readonly maxMessageBytes: number;
  /**
   * The same for one peer, where it depends on the peer: on IRC the server's
   * prefix names the target, so a short nick leaves more room than the
   * longest nick `maxMessageBytes` is sized for. Absent: use `maxMessageBytes`.
   */
  maxMessageBytesFor?(peer: string): number;
  /**
   * The network (or its servers) may drop whitespace at the end of a message, as
   * ngIRCd does when relaying: an OTR whitespace tag must then go first.
   */
  readonly stripsTrailingWhitespace?: boolean;
  readonly state: ConnectionState;

  /**
   * Resolves once online; rejects with an AdapterError (wrong password, untrusted certificate…).
   * Not while a disconnect() is under way: the state says online until its close has
   * ended, so connect() would resolve at once and the account then go offline. The
   * caller orders them (app/accounts/switch-order.ts).
   */
  connect(): Promise<void>;
  /** Goes offline and stops reconnecting. */
  disconnect(): Promise<void>;
  sendMessage(peer: string, body: string, options?: SendOptions): Promise<SendResult>;
  setPresence(availability: Availability, status?: string): Promise<void>;

  roster(): RosterEntry[];
  addBuddy(peer: string, options?: { name?: string; groups?: string[] }): Promise<void>;
  removeBuddy(peer: string): Promise<void>;
  answerSubscription(peer: string, accept: boolean): Promise<void>;

  joinGroup(room: string, nick?: string): Promise<void>;
  leaveGroup(room: string): Promise<void>;
  sendGroupMessage(room: string, body: string): Promise<void>;

  on<E extends AdapterEventName>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void;
}
