/**
 * The one typed contract between the app core and every front end.
 *
 * Commands are requests with a result; events are notifications from the core.
 * The Electron preload, the browser-mode WebSocket and headless JSON-RPC all carry
 * exactly these names and shapes, and check them with the schemas below where
 * they cross a process boundary. docs/API.md describes each one for people;
 * docs/api-schema.json is generated from this file (`npm run api-docs`). The
 * shapes several of them share are in shapes.ts, their scalar fields in fields.ts.
 *
 * Every object is strict: an unknown key is refused, so a misspelt field is an
 * error rather than silently ignored. Why zod/mini rather than zod: bounded.ts.
 */
import * as z from 'zod/mini';
import { chars, int, list } from './bounded';
import { accountId, fingerprintHex, peer, port, shortText, text } from './fields';
import {
  accountParams,
  accountState,
  accountSummary,
  availability,
  buddy,
  certificate,
  conversationLine,
  conversationSummary,
  knownFingerprint,
  otrState,
  otrVersion,
  otrStatus,
  policyLevel,
  policyLevels,
  settings,
} from './shapes';

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
    result: z.strictObject({
      fingerprint: fingerprintHex,
      formatted: chars(),
      /** The account's OTRv4 fingerprint (identity and forging keys), once it has v4 keys. */
      v4: z.optional(z.strictObject({ fingerprint: fingerprintHex, formatted: chars() })),
    }),
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
    version: z.optional(otrVersion),
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
