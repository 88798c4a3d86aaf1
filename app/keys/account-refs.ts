/**
 * Whose keys and whose trust: Sotto's account identity (protocol + account id) and
 * buddy names, compared the way each network compares them, and the mapping to
 * and from the names libpurple (Pidgin) gives accounts in libotr's files.
 */
import type { ProtocolId } from '../../protocols/adapter';

/**
 * One of the user's accounts. `account` is the bare JID on XMPP
 * ("alice@example.org") and "nick@server" on IRC, as libpurple names IRC accounts.
 */
export interface AccountRef {
  readonly protocol: ProtocolId;
  readonly account: string;
}

export const PROTOCOLS: readonly ProtocolId[] = ['xmpp', 'irc'];

/** libpurple's protocol ids for the networks Sotto speaks. */
export const LIBOTR_PROTOCOL_IDS: Readonly<Record<ProtocolId, string>> = { xmpp: 'prpl-jabber', irc: 'prpl-irc' };

export function protocolFromLibotr(id: string): ProtocolId | undefined {
  return PROTOCOLS.find((p) => LIBOTR_PROTOCOL_IDS[p] === id);
}

/** Throws a TypeError unless `a` is an AccountRef Sotto can store. */
export function checkAccount(a: AccountRef): void {
  if (typeof a !== 'object' || a === null || !PROTOCOLS.includes(a.protocol))
    throw new TypeError('an account needs a protocol, "xmpp" or "irc"');
  if (typeof a.account !== 'string' || a.account === '' || a.account.length > 1000)
    throw new TypeError('an account needs a non-empty id of at most 1000 characters');
}

/** One string per account: the same as Sotto's account ids ("xmpp:alice@example.org", "irc:alice@irc.example.org"). */
export const accountKey = (a: AccountRef): string => `${a.protocol}:${a.account}`;

/** The AccountRef of a Sotto account id; throws a TypeError for anything else. */
export function accountFromId(accountId: string): AccountRef {
  const colon = accountId.indexOf(':');
  const ref = { protocol: accountId.slice(0, colon), account: accountId.slice(colon + 1) } as AccountRef;
  checkAccount(ref);
  return ref;
}
export const sameAccount = (a: AccountRef, b: AccountRef): boolean =>
  a.protocol === b.protocol && a.account === b.account;

const bareJid = (jid: string): string => {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
};

/**
 * A buddy's name as the network compares it: XMPP bare JIDs case-insensitively and
 * without the resource (OTR keys belong to the person, not to one login), IRC nicks
 * case-insensitively. Two spellings of one buddy must never look like two buddies,
 * or a verified buddy would show up as new.
 */
export function buddyKey(protocol: ProtocolId, buddy: string): string {
  return (protocol === 'xmpp' ? bareJid(buddy) : buddy).toLowerCase();
}

/** A buddy named in a libotr file, as Sotto names them: XMPP without the resource. */
export function buddyFromLibotr(protocol: ProtocolId, username: string): string {
  return protocol === 'xmpp' ? bareJid(username) : username;
}

/**
 * A libpurple account as a Sotto account. XMPP: libpurple's username is
 * "user@host/Resource" (Pidgin 2 writes "user@host/" when the resource is empty),
 * Sotto's account the bare JID. IRC: "nick@server" on both sides. Both lower-cased,
 * as Sotto's account ids are (app/accounts accountIdFor). Other protocols have no
 * Sotto account.
 */
export function accountFromLibotr(accountName: string, libotrProtocol: string): AccountRef | { skip: string } {
  const protocol = protocolFromLibotr(libotrProtocol);
  if (!protocol)
    return {
      skip: `Sotto has no ${libotrProtocol} accounts (only ${PROTOCOLS.map((p) => LIBOTR_PROTOCOL_IDS[p]).join(' and ')})`,
    };
  const account = (protocol === 'xmpp' ? bareJid(accountName) : accountName).toLowerCase();
  if (!/^[^@/\s]+@[^@/\s]+$/.test(account)) {
    return {
      skip: `"${accountName}" is not ${protocol === 'xmpp' ? 'an XMPP address (user@host)' : "an IRC account in libpurple's nick@server form"}`,
    };
  }
  return { protocol, account };
}

/** The account name libotr files get for a Sotto account that did not come from libotr. */
export function defaultLibotrAccountName(a: AccountRef): string {
  return a.account;
}
