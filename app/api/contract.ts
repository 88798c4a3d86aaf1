/**
 * The one typed contract between the app core and every front end.
 *
 * Commands are requests with a result; events are notifications from the core.
 * The Electron preload, the browser-mode WebSocket and headless JSON-RPC all carry
 * exactly these names and shapes, and check them with the schemas below where
 * they cross a process boundary. docs/API.md describes each one for people.
 */
import { array, boolean, integer, literal, number, object, optional, string, union, type Infer, type Schema } from './schema';

const id = string({ minLength: 1, maxLength: 200 });
const accountId = id;
/** A bare JID on XMPP, a nick on IRC. */
const peer = string({ minLength: 1, maxLength: 3071 });
const text = string({ maxLength: 1_000_000 });
const shortText = string({ maxLength: 10_000 });
const fingerprintHex = string({ pattern: /^[0-9a-f]{40}$/ });
const port = integer(1, 65535);

export const accountState = literal('offline', 'connecting', 'online', 'reconnecting', 'error');
export type AccountState = Infer<typeof accountState>;
export const otrState = literal('plaintext', 'encrypted', 'finished');
export const policyLevel = literal('never', 'manual', 'opportunistic', 'always');
export const availability = literal('available', 'away', 'dnd', 'xa', 'invisible', 'offline');

export const accountSummary = object({
  accountId,
  protocol: literal('xmpp', 'irc'),
  /** The account as people know it: a bare JID, or nick@server. */
  name: string({ maxLength: 1000 }),
  state: accountState,
  error: optional(shortText),
  autoConnect: boolean,
  /** The account's OTR fingerprint, once it has a key. */
  fingerprint: optional(fingerprintHex),
  /** Where it connects, for editing; absent host/port: the network's defaults. */
  host: optional(string({ maxLength: 253 })),
  port: optional(port),
  tls: union(literal('starttls', 'direct', 'none'), boolean),
});
export type AccountSummary = Infer<typeof accountSummary>;

const xmppAccount = object({
  protocol: literal('xmpp'),
  jid: string({ minLength: 3, maxLength: 3071, pattern: /^[^@/\s]+@[^@/\s]+$/ }),
  password: string({ minLength: 1, maxLength: 1024 }),
  host: optional(string({ minLength: 1, maxLength: 253 })),
  port: optional(port),
  tls: optional(literal('starttls', 'direct', 'none')),
  autoConnect: optional(boolean),
});
const ircAccount = object({
  protocol: literal('irc'),
  nick: string({ minLength: 1, maxLength: 64 }),
  host: string({ minLength: 1, maxLength: 253 }),
  port,
  tls: optional(boolean),
  password: optional(string({ minLength: 1, maxLength: 1024 })),
  autoConnect: optional(boolean),
});
export const accountParams = union(xmppAccount, ircAccount);
export type AccountParams = Infer<typeof accountParams>;

export const instanceStatus = object({
  instanceTag: integer(0, 0xffffffff),
  state: otrState,
  fingerprint: optional(fingerprintHex),
  verified: boolean,
});

export const otrStatus = object({
  state: otrState,
  verified: boolean,
  /** The buddy used another key before, and this one is not verified: warn loudly. */
  keyChanged: boolean,
  fingerprint: optional(fingerprintHex),
  /** The instance messages go to now. */
  instanceTag: optional(integer(0, 0xffffffff)),
  instances: array(instanceStatus),
});
export type OtrStatus = Infer<typeof otrStatus>;

export const trust = literal('unverified', 'verified-manually', 'verified-smp');
export const knownFingerprint = object({ accountId, peer, fingerprint: fingerprintHex, trust });

export const conversationLine = object({
  id: integer(0),
  time: number,
  direction: literal('in', 'out', 'system'),
  text,
  encrypted: boolean,
  verified: boolean,
  status: optional(literal('sent', 'queued', 'failed', 'refused')),
  /** The key of the buddy's login it travelled to or from, when encrypted. */
  fingerprint: optional(fingerprintHex),
  nick: optional(shortText),
  level: optional(literal('info', 'warning', 'error')),
});
export type ConversationLineDto = Infer<typeof conversationLine>;

export const presence = object({ availability, status: optional(shortText) });

export const buddy = object({
  accountId,
  peer,
  name: optional(shortText),
  groups: array(shortText),
  subscription: literal('none', 'to', 'from', 'both'),
  /** We asked to see their presence and they have not answered yet. */
  pending: boolean,
  presence,
  unread: integer(0),
});
export type Buddy = Infer<typeof buddy>;

export const conversationSummary = object({
  accountId,
  peer,
  kind: literal('direct', 'group'),
  unread: integer(0),
  lastLine: optional(conversationLine),
});

export const settings = object({
  logging: object({ plaintext: boolean }),
  notifications: boolean,
  theme: literal('light', 'dark', 'system'),
});
export type SettingsDto = Infer<typeof settings>;

export const certificate = object({
  accountId,
  host: shortText,
  fingerprint: shortText,
  subject: shortText,
  issuer: shortText,
  validFrom: shortText,
  validTo: shortText,
  reason: shortText,
});

const report = object({ lines: array(shortText) });

const empty = object({});
const byAccount = object({ accountId });
const byPeer = object({ accountId, peer });

export const commands = {
  'app.info': {
    params: empty,
    result: object({
      name: string(),
      version: string(),
      /** Which front end the core serves: front ends never need it, logs and About boxes do. */
      transport: literal('electron', 'browser', 'headless'),
      /** Where passwords are kept: the OS key store (Electron) or a 0600 file in the profile. */
      secretStorage: literal('os-keystore', 'profile-file'),
    }),
  },
  'account.add': { params: accountParams, result: object({ accountId, warnings: array(shortText) }) },
  'account.connect': { params: byAccount, result: object({ state: accountState }) },
  'account.disconnect': { params: byAccount, result: object({ state: accountState }) },
  'account.list': { params: empty, result: array(accountSummary) },
  'account.remove': { params: byAccount, result: empty },
  'account.update': {
    params: object({
      accountId,
      password: optional(string({ minLength: 1, maxLength: 1024 })),
      host: optional(string({ minLength: 1, maxLength: 253 })),
      port: optional(port),
      tls: optional(union(literal('starttls', 'direct', 'none'), boolean)),
      autoConnect: optional(boolean),
    }),
    result: empty,
  },
  'presence.set': { params: object({ accountId: optional(accountId), availability, status: optional(shortText) }), result: empty },
  'buddy.list': { params: empty, result: array(buddy) },
  'buddy.add': { params: object({ accountId, peer, name: optional(shortText), groups: optional(array(shortText)) }), result: empty },
  'buddy.remove': { params: byPeer, result: empty },
  /** Answer a subscription request: let them see our presence, or not. */
  'buddy.authorize': { params: object({ accountId, peer, accept: boolean }), result: empty },
  'conversation.list': { params: empty, result: array(conversationSummary) },
  'conversation.markRead': { params: byPeer, result: empty },
  /** Whether this conversation is logged to disk: plaintext per the global setting, private lines only per buddy. */
  'conversation.getLogging': { params: byPeer, result: object({ plaintext: boolean, logPrivate: boolean }) },
  'conversation.setLogging': { params: object({ accountId, peer, logPrivate: boolean }), result: empty },
  'group.join': { params: object({ accountId, room: peer, nick: optional(shortText) }), result: empty },
  'group.leave': { params: object({ accountId, room: peer }), result: empty },
  'group.send': { params: object({ accountId, room: peer, text: string({ minLength: 1, maxLength: 100_000 }) }), result: object({ lineId: integer(0) }) },
  'settings.get': { params: empty, result: settings },
  'settings.set': {
    params: object({ logging: optional(object({ plaintext: boolean })), notifications: optional(boolean), theme: optional(literal('light', 'dark', 'system')) }),
    result: settings,
  },
  'otr.keys.generate': { params: byAccount, result: object({ fingerprint: fingerprintHex }) },
  /** Import libotr's files (Pidgin's ~/.purple): keys, fingerprints and trust, instance tags. */
  'otr.keys.import': { params: object({ dir: string({ minLength: 1, maxLength: 4096 }) }), result: report },
  'otr.keys.export': { params: object({ dir: string({ minLength: 1, maxLength: 4096 }) }), result: report },
  'account.acceptCertificate': { params: object({ accountId, fingerprint: string({ pattern: /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/ }) }), result: empty },
  /** `inherit` (with a peer): the buddy follows the account's policy again. */
  'otr.setPolicy': { params: object({ accountId, peer: optional(peer), policy: union(policyLevel, literal('inherit')) }), result: empty },
  'otr.getPolicy': { params: object({ accountId, peer: optional(peer) }), result: object({ policy: policyLevel, inherited: boolean }) },
  // 100,000 characters: an OTR peer reassembles at most 1 MiB of fragments (otr/wire/fragments.ts).
  'message.send': { params: object({ accountId, peer, text: string({ minLength: 1, maxLength: 100_000 }) }), result: object({ status: literal('sent', 'queued', 'refused'), lineId: integer(0) }) },
  'conversation.history': { params: object({ accountId, peer, before: optional(integer(0)), limit: optional(integer(1, 10_000)) }), result: array(conversationLine) },
  'otr.start': { params: byPeer, result: otrStatus },
  'otr.end': { params: byPeer, result: otrStatus },
  'otr.status': { params: byPeer, result: otrStatus },
  'otr.selectInstance': { params: object({ accountId, peer, instanceTag: optional(integer(0, 0xffffffff)) }), result: otrStatus },
  'otr.smp.start': { params: object({ accountId, peer, secret: string({ minLength: 1, maxLength: 10_000 }), question: optional(string({ minLength: 1, maxLength: 1000 })) }), result: empty },
  'otr.smp.respond': { params: object({ accountId, peer, secret: string({ minLength: 1, maxLength: 10_000 }) }), result: empty },
  'otr.smp.abort': { params: byPeer, result: empty },
  'otr.fingerprint.mine': { params: byAccount, result: object({ fingerprint: fingerprintHex, formatted: string() }) },
  'otr.fingerprint.list': { params: object({ accountId: optional(accountId) }), result: array(knownFingerprint) },
  'otr.fingerprint.verify': { params: object({ accountId, peer, fingerprint: fingerprintHex, verified: boolean }), result: empty },
  'otr.fingerprint.forget': { params: object({ accountId, peer, fingerprint: fingerprintHex }), result: empty },
} satisfies Record<string, { params: Schema<unknown>; result: Schema<unknown> }>;

export const events = {
  'account.state': object({ accountId, state: accountState, error: optional(shortText) }),
  'message.received': object({ accountId, peer, text, encrypted: boolean, verified: boolean, lineId: integer(0), time: number }),
  /** Any new or changed line in a conversation: incoming, outgoing (with its status) or system. */
  'conversation.line': object({ accountId, peer, line: conversationLine }),
  'otr.state': object({ accountId, peer, state: otrState, verified: boolean, keyChanged: boolean, fingerprint: optional(fingerprintHex) }),
  'otr.smp': object({
    accountId,
    peer,
    event: literal('request', 'progress', 'succeeded', 'failed', 'aborted', 'cheated', 'error'),
    question: optional(shortText),
    progress: optional(integer(0, 100)),
  }),
  'buddy.updated': buddy,
  'buddy.removed': object({ accountId, peer }),
  /** Someone asks to see our presence: answer with buddy.authorize. */
  'subscription.request': object({ accountId, peer }),
  /** The server's certificate is not trusted: accept it by fingerprint with account.acceptCertificate, or not. */
  'account.certificate': certificate,
  'group.members': object({ accountId, room: peer, members: array(shortText) }),
  'otr.keygen': object({ accountId, phase: literal('started', 'finished', 'failed'), fingerprint: optional(fingerprintHex), message: optional(shortText) }),
  error: object({ message: shortText, code: optional(integer()) }),
} satisfies Record<string, Schema<unknown>>;

export type CommandName = keyof typeof commands;
export type CommandParams<M extends CommandName> = Infer<(typeof commands)[M]['params']>;
export type CommandResult<M extends CommandName> = Infer<(typeof commands)[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = Infer<(typeof events)[E]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
