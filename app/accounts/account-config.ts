/**
 * Accounts as the profile keeps them (accounts.json). Passwords are not in this
 * file: they live in the secret store (the OS key store under Electron, a 0600
 * file in the profile otherwise).
 */
import * as z from 'zod/mini';
import { chars, int, list } from '../api/bounded';

const common = {
  accountId: chars({ min: 1, max: 200 }),
  autoConnect: z.boolean(),
  /** SHA-256 fingerprints of certificates the user accepted although the system does not trust them. */
  trustedCertificates: list(chars({ max: 200 })),
};

export const storedXmppAccount = z.strictObject({
  ...common,
  protocol: z.literal('xmpp'),
  jid: chars({ min: 3, max: 3071 }),
  host: z.optional(chars({ max: 253 })),
  port: z.optional(int(1, 65535)),
  tls: z.enum(['starttls', 'direct', 'none']),
});

export const storedIrcAccount = z.strictObject({
  ...common,
  protocol: z.literal('irc'),
  nick: chars({ min: 1, max: 64 }),
  host: chars({ min: 1, max: 253 }),
  port: int(1, 65535),
  tls: z.boolean(),
  /** Buddies added to this IRC account (IRC servers keep no roster). */
  buddies: z.optional(
    list(
      z.strictObject({
        peer: chars({ max: 64 }),
        name: z.optional(chars({ max: 200 })),
        groups: z.optional(list(chars({ max: 200 }))),
      }),
    ),
  ),
});

export type StoredXmppAccount = z.infer<typeof storedXmppAccount>;
export type StoredIrcAccount = z.infer<typeof storedIrcAccount>;
export type StoredAccount = StoredXmppAccount | StoredIrcAccount;

export const accountsFileSchema = z.strictObject({
  version: z.literal(1),
  accounts: list(z.discriminatedUnion('protocol', [storedXmppAccount, storedIrcAccount])),
});
export type AccountsFile = z.infer<typeof accountsFileSchema>;

/** The name people know the account by. */
export function accountName(a: StoredAccount): string {
  return a.protocol === 'xmpp' ? a.jid : `${a.nick}@${a.host}`;
}

/** Stable and readable: xmpp:alice@example.org, irc:alice@irc.example.org. */
export function accountIdFor(
  a: { protocol: 'xmpp'; jid: string } | { protocol: 'irc'; nick: string; host: string },
): string {
  return a.protocol === 'xmpp' ? `xmpp:${a.jid.toLowerCase()}` : `irc:${a.nick.toLowerCase()}@${a.host.toLowerCase()}`;
}
