/**
 * Accounts as the profile keeps them (accounts.json). Passwords are not in this
 * file: they live in the secret store (the OS key store under Electron, a 0600
 * file in the profile otherwise).
 */
import { array, boolean, integer, literal, object, optional, string, union, type Infer } from '../api/schema';

const common = {
  accountId: string({ minLength: 1, maxLength: 200 }),
  autoConnect: boolean,
  /** SHA-256 fingerprints of certificates the user accepted although the system does not trust them. */
  trustedCertificates: array(string({ maxLength: 200 })),
};

export const storedXmppAccount = object({
  ...common,
  protocol: literal('xmpp'),
  jid: string({ minLength: 3, maxLength: 3071 }),
  host: optional(string({ maxLength: 253 })),
  port: optional(integer(1, 65535)),
  tls: literal('starttls', 'direct', 'none'),
});

export const storedIrcAccount = object({
  ...common,
  protocol: literal('irc'),
  nick: string({ minLength: 1, maxLength: 64 }),
  host: string({ minLength: 1, maxLength: 253 }),
  port: integer(1, 65535),
  tls: boolean,
  /** Buddies added to this IRC account (IRC servers keep no roster). */
  buddies: optional(array(object({ peer: string({ maxLength: 64 }), name: optional(string({ maxLength: 200 })), groups: optional(array(string({ maxLength: 200 }))) }))),
});

export type StoredXmppAccount = Infer<typeof storedXmppAccount>;
export type StoredIrcAccount = Infer<typeof storedIrcAccount>;
export type StoredAccount = StoredXmppAccount | StoredIrcAccount;

export const accountsFileSchema = object({
  version: literal(1),
  accounts: array(union(storedXmppAccount, storedIrcAccount)),
});
export type AccountsFile = Infer<typeof accountsFileSchema>;

/** The name people know the account by. */
export function accountName(a: StoredAccount): string {
  return a.protocol === 'xmpp' ? a.jid : `${a.nick}@${a.host}`;
}

/** Stable and readable: xmpp:alice@example.org, irc:alice@irc.example.org. */
export function accountIdFor(a: { protocol: 'xmpp'; jid: string } | { protocol: 'irc'; nick: string; host: string }): string {
  return a.protocol === 'xmpp' ? `xmpp:${a.jid.toLowerCase()}` : `irc:${a.nick.toLowerCase()}@${a.host.toLowerCase()}`;
}
