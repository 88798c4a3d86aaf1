/**
 * The shapes the contract's commands and events share (contract.ts): states,
 * accounts, OTR status and fingerprints, conversation lines, buddies, settings,
 * a refused certificate. docs/api-schema.json writes five of them once, under
 * $defs (AccountSummary, Buddy, ConversationLine, OtrStatus, Settings). Every
 * object is strict, as in contract.ts.
 */
import * as z from 'zod/mini';
import { chars, int, list } from './bounded';
import { accountId, fingerprintHex, peer, port, shortText, text } from './fields';

export const accountState = z.enum(['offline', 'connecting', 'online', 'reconnecting', 'error']);
export type AccountState = z.infer<typeof accountState>;
export const otrState = z.enum(['plaintext', 'encrypted', 'finished']);
/** The OTR protocol version of the private conversation (or of the one that finished). */
export const otrVersion = z.union([z.literal(2), z.literal(3), z.literal(4)]);
export const policyLevels = ['never', 'manual', 'opportunistic', 'always', 'require-v4'] as const;
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
  version: z.optional(otrVersion),
  /**
   * OTRv4: the buddy's Client Profile is signed by this OTRv3 key of theirs (the
   * transitional signature), which the user has verified or not. Shown beside the v4
   * key, never taken as trust in it.
   */
  transitional: z.optional(z.strictObject({ fingerprint: fingerprintHex, verified: z.boolean() })),
  /** The instance messages go to now. */
  instanceTag: z.optional(int(0, 0xffffffff)),
  instances: list(instanceStatus),
});
export type OtrStatus = z.infer<typeof otrStatus>;

export const trust = z.enum(['unverified', 'verified-manually', 'verified-smp']);
export const knownFingerprint = z.strictObject({
  accountId,
  peer,
  fingerprint: fingerprintHex,
  /**
   * The OTR version of the key: 3 for 40 hex digits, 4 for 112. The core always
   * sends it; optional (and exactly so, never `undefined`) because front ends
   * written before it tell the version by the length.
   */
  version: z.exactOptional(z.union([z.literal(3), z.literal(4)])),
  trust,
});

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
