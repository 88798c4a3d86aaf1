/** The account form's values, and how they become account.add / account.update params. */
import type { CommandParams } from '../../../../app/api/contract';
import type { AccountParams } from '../../../../app/api/shapes';

export type XmppTls = 'starttls' | 'direct' | 'none';

export interface AccountFormState {
  protocol: 'xmpp' | 'irc';
  jid: string;
  nick: string;
  password: string;
  host: string;
  port: string;
  xmppTls: XmppTls;
  ircTls: boolean;
  autoConnect: boolean;
  connectNow: boolean;
  /** Editing: the user touched the connection security (the summary does not say what it was). */
  tlsChanged: boolean;
}

export const EMPTY_FORM: AccountFormState = {
  protocol: 'xmpp',
  jid: '',
  nick: '',
  password: '',
  host: '',
  port: '',
  xmppTls: 'starttls',
  ircTls: true,
  autoConnect: true,
  connectNow: true,
  tlsChanged: false,
};

function portOf(text: string): number | undefined | 'bad' {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : 'bad';
}

/** Params for account.add, or a sentence saying what to fix. */
export function toAddParams(f: AccountFormState): AccountParams | string {
  const port = portOf(f.port);
  if (port === 'bad') return 'The port is a number from 1 to 65535.';
  if (f.protocol === 'xmpp') {
    const jid = f.jid.trim();
    if (!/^[^@/\s]+@[^@/\s]+$/.test(jid)) return 'Enter your address as name@server, for example alice@example.org.';
    if (!f.password) return 'Enter the password of this account.';
    return {
      protocol: 'xmpp',
      jid,
      password: f.password,
      tls: f.xmppTls,
      autoConnect: f.autoConnect,
      ...(f.host.trim() ? { host: f.host.trim() } : {}),
      ...(port ? { port } : {}),
    };
  }
  const nick = f.nick.trim();
  if (!nick || /\s/.test(nick)) return 'Enter a nickname without spaces.';
  if (!f.host.trim()) return 'Enter the IRC server, for example irc.libera.chat.';
  return {
    protocol: 'irc',
    nick,
    host: f.host.trim(),
    port: port ?? (f.ircTls ? 6697 : 6667),
    tls: f.ircTls,
    autoConnect: f.autoConnect,
    ...(f.password ? { password: f.password } : {}),
  };
}

/** Params for account.update: only what the user filled in changes. */
export function toUpdateParams(
  accountId: string,
  protocol: 'xmpp' | 'irc',
  f: AccountFormState,
): CommandParams<'account.update'> | string {
  const port = portOf(f.port);
  if (port === 'bad') return 'The port is a number from 1 to 65535.';
  return {
    accountId,
    autoConnect: f.autoConnect,
    ...(f.tlsChanged ? { tls: protocol === 'xmpp' ? f.xmppTls : f.ircTls } : {}),
    ...(f.password ? { password: f.password } : {}),
    ...(f.host.trim() ? { host: f.host.trim() } : {}),
    ...(port ? { port } : {}),
  };
}
