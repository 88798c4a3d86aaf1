/**
 * The one typed contract between the app core and every front end.
 *
 * Commands are requests with a result; events are notifications from the core.
 * The Electron preload, the browser-mode WebSocket and headless JSON-RPC all carry
 * exactly these names and shapes, and check them with the schemas below where
 * they cross a process boundary. docs/API.md describes each one for people;
 * docs/api-schema.json is generated from this file (`npm run api-docs`).
 *
 * Every object is strict: an unknown key is refused, so a misspelt field is an
 * error rather than silently ignored. Why zod/mini rather than zod: bounded.ts.
 */
import * as z from 'zod/mini';
import { chars, int, list } from './bounded';

const id = chars({ min: 1, max: 200 });
const accountId = id;
/** A bare JID on XMPP, a nick on IRC. */
const peer = chars({ min: 1, max: 3071 });
const text = chars({ max: 1_000_000 });
const shortText = chars({ max: 10_000 });
const fingerprintHex = chars({ pattern: /^[0-9a-f]{40}$/ });
const port = int(1, 65535);

export const accountState = z.enum(['offline', 'connecting', 'online', 'reconnecting', 'error']);
export type AccountState = z.infer<typeof accountState>;
export const otrState = z.enum(['plaintext', 'encrypted', 'finished']);
const policyLevels = ['never', 'manual', 'opportunistic', 'always'] as const;
export const policyLevel = z.enum(policyLevels);
export const availability = z.enum(['available', 'away', 'dnd', 'xa', 'invisible', 'offline']);

export const accountSummary = z.strictObject({
  accountId,
  protocol: z.enum(['xmpp', 'irc']),
  /** The account as people know it: a bare JID, or nick@server. */
  name: chars({ max: 1000 }),
  state: accountState,
  error: z.optional(shortText),
  autoConnect: z.boolean(),
  /** The account's OTR fingerprint, once it has a key. */
  fingerprint: z.optional(fingerprintHex),
  /** Where it connects, for editing; absent host/port: the network's defaults. */
  host: z.optional(chars({ max: 253 })),
  port: z.optional(port),
  tls: z.union([z.enum(['starttls', 'direct', 'none']), z.boolean()]),
});
export type AccountSummary = z.infer<typeof accountSummary>;

const xmppAccount = z.strictObject({
  protocol: z.literal('xmpp'),
  jid: chars({ min: 3, max: 3071, pattern: /^[^@/\s]+@[^@/\s]+$/ }),
  password: chars({ min: 1, max: 1024 }),
  host: z.optional(chars({ min: 1, max: 253 })),
  port: z.optional(port),
  tls: z.optional(z.enum(['starttls', 'direct', 'none'])),
  autoConnect: z.optional(z.boolean()),
});
const ircAccount = z.strictObject({
  protocol: z.literal('irc'),
  nick: chars({ min: 1, max: 64 }),
  host: chars({ min: 1, max: 253 }),
  port,
  tls: z.optional(z.boolean()),
  password: z.optional(chars({ min: 1, max: 1024 })),
  autoConnect: z.optional(z.boolean()),
});
// Either alternative is told apart by its protocol, so an error names the field at fault in that one.
export const accountParams = z.discriminatedUnion('protocol', [xmppAccount, ircAccount]);
export type AccountParams = z.infer<typeof accountParams>;

export const instanceStatus = z.strictObject({
  instanceTag: int(0, 0xffffffff),
  state: otrState,
  fingerprint: z.optional(fingerprintHex),
  verified: z.boolean(),
});

export const otrStatus = z.strictObject({
  state: otrState,
  verified: z.boolean(),
  /** The buddy used another key before, and this one is not verified: warn loudly. */
  keyChanged: z.boolean(),
  fingerprint: z.optional(fingerprintHex),
  /** The instance messages go to now. */
  instanceTag: z.optional(int(0, 0xffffffff)),
  instances: list(instanceStatus),
});
export type OtrStatus = z.infer<typeof otrStatus>;

export const trust = z.enum(['unverified', 'verified-manually', 'verified-smp']);
export const knownFingerprint = z.strictObject({ accountId, peer, fingerprint: fingerprintHex, trust });

export const conversationLine = z.strictObject({
  id: int(0),
  time: z.number(),
  direction: z.enum(['in', 'out', 'system']),
  text,
  encrypted: z.boolean(),
  verified: z.boolean(),
  status: z.optional(z.enum(['sent', 'queued', 'failed', 'refused'])),
  /** The key of the buddy's login it travelled to or from, when encrypted. */
  fingerprint: z.optional(fingerprintHex),
  nick: z.optional(shortText),
  level: z.optional(z.enum(['info', 'warning', 'error'])),
});
export type ConversationLineDto = z.infer<typeof conversationLine>;

export const presence = z.strictObject({ availability, status: z.optional(shortText) });

export const buddy = z.strictObject({
  accountId,
  peer,
  name: z.optional(shortText),
  groups: list(shortText),
  subscription: z.enum(['none', 'to', 'from', 'both']),
  /** We asked to see their presence and they have not answered yet. */
  pending: z.boolean(),
  presence,
  unread: int(0),
});
export type Buddy = z.infer<typeof buddy>;

export const conversationSummary = z.strictObject({
  accountId,
  peer,
  kind: z.enum(['direct', 'group']),
  unread: int(0),
  lastLine: z.optional(conversationLine),
});

export const settings = z.strictObject({
  logging: z.strictObject({ plaintext: z.boolean() }),
  notifications: z.boolean(),
  theme: z.enum(['light', 'dark', 'system']),
});
export type SettingsDto = z.infer<typeof settings>;

export const certificate = z.strictObject({
  accountId,
  host: shortText,
  fingerprint: shortText,
  subject: shortText,
  issuer: shortText,
  validFrom: shortText,
  validTo: shortText,
  reason: shortText,
});

const report = z.strictObject({ lines: list(shortText) });

const empty = z.strictObject({});
const byAccount = z.strictObject({ accountId });
const byPeer = z.strictObject({ accountId, peer });

export const commands = {
  'app.info': {
    params: empty,
    result: z.strictObject({
      name: chars(),
      version: chars(),
      /** Which front end the core serves: front ends never need it, logs and About boxes do. */
      transport: z.enum(['electron', 'browser', 'headless']),
      /** Where passwords are kept: the OS key store (Electron) or a 0600 file in the profile. */
      secretStorage: z.enum(['os-keystore', 'profile-file']),
    }),
  },
  'account.add': { params: accountParams, result: z.strictObject({ accountId, warnings: list(shortText) }) },
  'account.connect': { params: byAccount, result: z.strictObject({ state: accountState }) },
  'account.disconnect': { params: byAccount, result: z.strictObject({ state: accountState }) },
  'account.list': { params: empty, result: list(accountSummary) },
  'account.remove': { params: byAccount, result: empty },
  'account.update': {
    params: z.strictObject({
      accountId,
      password: z.optional(chars({ min: 1, max: 1024 })),
      host: z.optional(chars({ min: 1, max: 253 })),
      port: z.optional(port),
      tls: z.optional(z.union([z.enum(['starttls', 'direct', 'none']), z.boolean()])),
      autoConnect: z.optional(z.boolean()),
    }),
    result: empty,
  },
  'presence.set': {
    params: z.strictObject({ accountId: z.optional(accountId), availability, status: z.optional(shortText) }),
    result: empty,
  },
  'buddy.list': { params: empty, result: list(buddy) },
  'buddy.add': {
    params: z.strictObject({ accountId, peer, name: z.optional(shortText), groups: z.optional(list(shortText)) }),
    result: empty,
  },
  'buddy.remove': { params: byPeer, result: empty },
  /** Answer a subscription request: let them see our presence, or not. */
  'buddy.authorize': { params: z.strictObject({ accountId, peer, accept: z.boolean() }), result: empty },
  'conversation.list': { params: empty, result: list(conversationSummary) },
  'conversation.markRead': { params: byPeer, result: empty },
  /** Whether this conversation is logged to disk: plaintext per the global setting, private lines only per buddy. */
  'conversation.getLogging': {
    params: byPeer,
    result: z.strictObject({ plaintext: z.boolean(), logPrivate: z.boolean() }),
  },
  'conversation.setLogging': { params: z.strictObject({ accountId, peer, logPrivate: z.boolean() }), result: empty },
  'group.join': { params: z.strictObject({ accountId, room: peer, nick: z.optional(shortText) }), result: empty },
  'group.leave': { params: z.strictObject({ accountId, room: peer }), result: empty },
  'group.send': {
    params: z.strictObject({ accountId, room: peer, text: chars({ min: 1, max: 100_000 }) }),
    result: z.strictObject({ lineId: int(0) }),
  },
  'settings.get': { params: empty, result: settings },
  'settings.set': {
    params: z.strictObject({
      logging: z.optional(z.strictObject({ plaintext: z.boolean() })),
      notifications: z.optional(z.boolean()),
      theme: z.optional(z.enum(['light', 'dark', 'system'])),
    }),
    result: settings,
  },
  'otr.keys.generate': { params: byAccount, result: z.strictObject({ fingerprint: fingerprintHex }) },
  /** Import libotr's files (Pidgin's ~/.purple): keys, fingerprints and trust, instance tags. */
  'otr.keys.import': { params: z.strictObject({ dir: chars({ min: 1, max: 4096 }) }), result: report },
  'otr.keys.export': { params: z.strictObject({ dir: chars({ min: 1, max: 4096 }) }), result: report },
  'account.acceptCertificate': {
    params: z.strictObject({ accountId, fingerprint: chars({ pattern: /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/ }) }),
    result: empty,
  },
  /** `inherit` (with a peer): the buddy follows the account's policy again. */
  'otr.setPolicy': {
    params: z.strictObject({ accountId, peer: z.optional(peer), policy: z.enum([...policyLevels, 'inherit']) }),
    result: empty,
  },
  'otr.getPolicy': {
    params: z.strictObject({ accountId, peer: z.optional(peer) }),
    result: z.strictObject({ policy: policyLevel, inherited: z.boolean() }),
  },
  // 100,000 characters: an OTR peer reassembles at most 1 MiB of fragments (otr/wire/fragments.ts).
  'message.send': {
    params: z.strictObject({ accountId, peer, text: chars({ min: 1, max: 100_000 }) }),
    result: z.strictObject({ status: z.enum(['sent', 'queued', 'refused']), lineId: int(0) }),
  },
  'conversation.history': {
    params: z.strictObject({ accountId, peer, before: z.optional(int(0)), limit: z.optional(int(1, 10_000)) }),
    result: list(conversationLine),
  },
  'otr.start': { params: byPeer, result: otrStatus },
  'otr.end': { params: byPeer, result: otrStatus },
  'otr.status': { params: byPeer, result: otrStatus },
  'otr.selectInstance': {
    params: z.strictObject({ accountId, peer, instanceTag: z.optional(int(0, 0xffffffff)) }),
    result: otrStatus,
  },
  'otr.smp.start': {
    params: z.strictObject({
      accountId,
      peer,
      secret: chars({ min: 1, max: 10_000 }),
      question: z.optional(chars({ min: 1, max: 1000 })),
    }),
    result: empty,
  },
  'otr.smp.respond': {
    params: z.strictObject({ accountId, peer, secret: chars({ min: 1, max: 10_000 }) }),
    result: empty,
  },
  'otr.smp.abort': { params: byPeer, result: empty },
  'otr.fingerprint.mine': {
    params: byAccount,
    result: z.strictObject({ fingerprint: fingerprintHex, formatted: chars() }),
  },
  'otr.fingerprint.list': {
    params: z.strictObject({ accountId: z.optional(accountId) }),
    result: list(knownFingerprint),
  },
  'otr.fingerprint.verify': {
    params: z.strictObject({ accountId, peer, fingerprint: fingerprintHex, verified: z.boolean() }),
    result: empty,
  },
  'otr.fingerprint.forget': { params: z.strictObject({ accountId, peer, fingerprint: fingerprintHex }), result: empty },
} satisfies Record<string, { params: z.ZodMiniType; result: z.ZodMiniType }>;

export const events = {
  'account.state': z.strictObject({ accountId, state: accountState, error: z.optional(shortText) }),
  'message.received': z.strictObject({
    accountId,
    peer,
    text,
    encrypted: z.boolean(),
    verified: z.boolean(),
    lineId: int(0),
    time: z.number(),
  }),
  /** Any new or changed line in a conversation: incoming, outgoing (with its status) or system. */
  'conversation.line': z.strictObject({ accountId, peer, line: conversationLine }),
  'otr.state': z.strictObject({
    accountId,
    peer,
    state: otrState,
    verified: z.boolean(),
    keyChanged: z.boolean(),
    fingerprint: z.optional(fingerprintHex),
  }),
  'otr.smp': z.strictObject({
    accountId,
    peer,
    event: z.enum(['request', 'progress', 'succeeded', 'failed', 'aborted', 'cheated', 'error']),
    question: z.optional(shortText),
    progress: z.optional(int(0, 100)),
  }),
  'buddy.updated': buddy,
  'buddy.removed': z.strictObject({ accountId, peer }),
  /** Someone asks to see our presence: answer with buddy.authorize. */
  'subscription.request': z.strictObject({ accountId, peer }),
  /** The server's certificate is not trusted: accept it by fingerprint with account.acceptCertificate, or not. */
  'account.certificate': certificate,
  'group.members': z.strictObject({ accountId, room: peer, members: list(shortText) }),
  'otr.keygen': z.strictObject({
    accountId,
    phase: z.enum(['started', 'finished', 'failed']),
    fingerprint: z.optional(fingerprintHex),
    message: z.optional(shortText),
  }),
  error: z.strictObject({ message: shortText, code: z.optional(int()) }),
} satisfies Record<string, z.ZodMiniType>;

export type CommandName = keyof typeof commands;
export type CommandParams<M extends CommandName> = z.infer<(typeof commands)[M]['params']>;
export type CommandResult<M extends CommandName> = z.infer<(typeof commands)[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
