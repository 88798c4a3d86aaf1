/**
 * What the server relays once a Session (session.ts) is in, from irc-framework's
 * events into SessionEvents: messages, NOTICE and CTCP (RFC 2812 §3.3), channel
 * membership (§3.2, NAMES §3.2.5), others' presence (away-notify), and how the
 * server shows us (JOIN, 396, CHGHOST). Every field of a payload is read with a
 * type check: it was built from network input.
 */
import type irc from 'irc-framework';
import type { SessionEvents } from './session-types';

export type Ev = Record<string, unknown>;
export const str = (e: unknown, key: string): string => {
  const v = (e as Ev | null)?.[key];
  return typeof v === 'string' ? v : '';
};
const timeOf = (e: unknown): Date => {
  const v = (e as Ev | null)?.time;
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v) : new Date();
};

/** Hands the client's events about others (and about how we are shown) to `e`, in our types. */
export function forwardTraffic(c: InstanceType<(typeof irc)['Client']>, e: SessionEvents): void {
  const us = (nick: string) => nick !== '' && c.caseCompare(nick, c.user.nick);
  const text = (ev: unknown, framed: string, notice: boolean) => {
    if (!str(ev, 'nick') || (ev as Ev).from_server === true) return; // server notices are not from a peer
    e.message({ from: str(ev, 'nick'), target: str(ev, 'target'), text: framed, notice, time: timeOf(ev) });
  };
  c.on('privmsg', (ev) => text(ev, str(ev, 'message'), false));
  c.on('notice', (ev) => text(ev, str(ev, 'message'), true));
  c.on('action', (ev) => text(ev, `\x01ACTION ${str(ev, 'message')}\x01`, false));
  c.on('ctcp request', (ev) => text(ev, `\x01${str(ev, 'message')}\x01`, false));
  c.on('ctcp response', (ev) => text(ev, `\x01${str(ev, 'message')}\x01`, true));
  c.on('join', (ev) => {
    if (us(str(ev, 'nick')))
      e.identity({ user: str(ev, 'ident') || undefined, host: str(ev, 'hostname') || undefined });
    e.joined(str(ev, 'channel'), str(ev, 'nick'));
  });
  c.on('part', (ev) => e.parted(str(ev, 'channel'), str(ev, 'nick')));
  c.on('kick', (ev) => e.kicked(str(ev, 'channel'), str(ev, 'kicked')));
  c.on('quit', (ev) => e.quit(str(ev, 'nick')));
  c.on('nick', (ev) => {
    e.renamed(str(ev, 'nick'), str(ev, 'new_nick'));
  });
  c.on('userlist', (ev) => {
    const users = (ev as Ev).users;
    e.names(str(ev, 'channel'), Array.isArray(users) ? users.map((u) => str(u, 'nick')).filter(Boolean) : []);
  });
  c.on('away', (ev) => {
    if (!us(str(ev, 'nick'))) e.away(str(ev, 'nick'), str(ev, 'message'));
  });
  c.on('back', (ev) => {
    if (!us(str(ev, 'nick'))) e.back(str(ev, 'nick'));
  });
  c.on('displayed host', (ev) => {
    if (us(str(ev, 'nick'))) e.identity({ host: str(ev, 'hostname') || undefined });
  });
  c.on('user updated', (ev) => {
    if (us(str(ev, 'nick')))
      e.identity({ user: str(ev, 'new_ident') || undefined, host: str(ev, 'new_hostname') || undefined });
  });
}
