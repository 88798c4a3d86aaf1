/**
 * RFC 2812 §3.3 (PRIVMSG, NOTICE) and §3.2 (channel membership), as they
 * arrive: turns what the server says into the adapter's events.
 * - A PRIVMSG to us is a 1:1 message; to a channel, a group message.
 * - A NOTICE is delivered with `notice: true` and never answered (§3.3.2).
 * - CTCP ACTION becomes "/me …"; other CTCP queries are answered only as
 *   configured (ctcp.ts), and reported when not; CTCP replies are reported.
 * - Floods are dropped per sender and reported (inbound-limiter.ts).
 */
import type { AdapterEventName, AdapterEvents } from '../adapter';
import type { Channels } from './channels';
import { ctcpAnswer, parseCtcp, type CtcpAnswers } from './ctcp';
import type { InboundLimiter } from './inbound-limiter';
import type { PresenceWatch, Roster } from './presence';
import type { InboundText, SessionEvents } from './session';

export interface InboundContext {
  emit<E extends AdapterEventName>(event: E, payload: AdapterEvents[E]): void;
  channels: Channels;
  roster: Roster;
  watch(): PresenceWatch | undefined;
  limiter: InboundLimiter;
  /** Limits how often we answer CTCP at all, so we cannot be used to flood. */
  answerLimiter: InboundLimiter;
  ctcp: CtcpAnswers;
  send(line: string): void;
  isUs(nick: string): boolean;
  isChannel(name: string): boolean;
  /** The server renamed us (or confirmed our NICK). */
  weAreNow(nick: string): void;
  joinSettled(room: string, error?: string): void;
  /** Someone stopped using `nick` (QUIT, or NICK to another): ours to take back, if it is our nick. */
  nickFreed(nick: string): void;
  /** A message to `target` could not be delivered (ERR_NOSUCHNICK, ERR_CANNOTSENDTOCHAN…). */
  undeliverable(target: string, reason: string): void;
}

type InboundEvents = Omit<SessionEvents, 'registered' | 'failed' | 'closed' | 'certificate' | 'identity' | 'isupport'>;

/** Replies to JOIN that mean we did not get in. */
const JOIN_ERRORS = new Set(['403', '405', '437', '471', '473', '474', '475', '476', '477', '479', '489']);
/** Replies to PRIVMSG that mean it was not delivered. */
const SEND_ERRORS = new Set(['401', '404', '411', '412', '481']);

/** Presence updates the roster returns only when something changed. */
function reportPresence(ctx: InboundContext, update: ReturnType<Roster['set']>): void {
  if (update) ctx.emit('presence', update);
}

/** Who is in `room` now, under the name the user gave it. */
function reportMembers(ctx: InboundContext, room: string): void {
  ctx.emit('group.members', { room: ctx.channels.nameOf(room), members: ctx.channels.membersOf(room) });
}

/** A CTCP query other than ACTION: answered only as configured (and rarely), else reported. */
function handleCtcp(
  ctx: InboundContext,
  m: InboundText,
  query: NonNullable<ReturnType<typeof parseCtcp>>,
  group: boolean,
): void {
  if (m.notice) {
    ctx.emit('dropped', { reason: `A CTCP ${query.type} reply from ${m.from} was ignored: we send no CTCP queries.` });
    return;
  }
  const answer = group ? undefined : ctcpAnswer(query, ctx.ctcp);
  if (answer !== undefined && ctx.answerLimiter.allow('anyone', 'CTCP queries')) {
    ctx.send(`NOTICE ${m.from} :\x01${answer}\x01`);
    return;
  }
  ctx.emit('dropped', { reason: `A CTCP ${query.type} query from ${m.from} was not answered.` });
}

/** §3.3: a PRIVMSG or NOTICE, to us or to a channel. */
function onMessage(ctx: InboundContext, m: InboundText): void {
  if (ctx.isUs(m.from)) return;
  const group = ctx.isChannel(m.target);
  if (!ctx.limiter.allow(m.from)) return;
  let body = m.text;
  const query = parseCtcp(m.text);
  if (query && query.type !== 'ACTION') {
    handleCtcp(ctx, m, query, group);
    return;
  }
  if (query) body = `/me ${query.params}`;
  if (group) {
    ctx.emit('group.message', { room: ctx.channels.nameOf(m.target), nick: m.from, body, time: m.time });
    return;
  }
  reportPresence(ctx, ctx.roster.alive(m.from));
  ctx.emit('message', { peer: m.from, body, time: m.time, ...(m.notice ? { notice: true } : {}) });
}

type MembershipEvents = Pick<InboundEvents, 'joined' | 'parted' | 'kicked' | 'quit' | 'renamed' | 'names'>;

/** §3.2 and §3.1: who is in our channels, and what that says about buddies and our own nick. */
function membership(ctx: InboundContext): MembershipEvents {
  const members = (room: string) => reportMembers(ctx, room);
  const presence = (update: ReturnType<Roster['set']>) => reportPresence(ctx, update);
  return {
    joined(room, nick) {
      if (ctx.isUs(nick)) {
        ctx.channels.want(room);
        ctx.channels.weJoined(room, nick);
        ctx.joinSettled(room);
      } else if (!ctx.channels.joined(room, nick)) {
        return;
      }
      presence(ctx.roster.alive(nick));
      members(room);
    },
    parted(room, nick) {
      if (ctx.isUs(nick)) ctx.channels.weLeft(room);
      else if (!ctx.channels.parted(room, nick)) return;
      members(room);
    },
    kicked(room, nick) {
      if (ctx.isUs(nick)) {
        // Not joined again on reconnect: being kicked is the channel's answer.
        ctx.channels.weLeft(room);
        ctx.channels.unwant(room);
      } else if (!ctx.channels.parted(room, nick)) {
        return;
      }
      members(room);
    },
    quit(nick) {
      for (const room of ctx.channels.quit(nick)) members(room);
      presence(ctx.roster.set(nick, 'offline'));
      ctx.nickFreed(nick);
    },
    renamed(from, to) {
      if (ctx.isUs(from)) ctx.weAreNow(to);
      else ctx.nickFreed(from);
      for (const room of ctx.channels.renamed(from, to)) members(room);
      presence(ctx.roster.set(from, 'offline'));
      presence(ctx.roster.alive(to));
    },
    names(room, nicks) {
      if (ctx.channels.names(room, nicks)) members(room);
    },
  };
}

type PresenceEvents = Pick<InboundEvents, 'away' | 'back' | 'ison' | 'monitor'>;

/** What the server tells of buddies' presence (presence.ts says how far to trust it). */
function presenceEvents(ctx: InboundContext): PresenceEvents {
  return {
    away: (nick, message) => reportPresence(ctx, ctx.roster.set(nick, 'away', message || undefined)),
    back: (nick) => reportPresence(ctx, ctx.roster.set(nick, 'available')),
    ison: (nicks) => ctx.watch()?.online(nicks),
    monitor(nicks, online) {
      if (online) ctx.watch()?.online(nicks);
      else ctx.watch()?.offline(nicks);
    },
  };
}

/** §5.2: an error reply that settles a JOIN, or says a message was not delivered. */
function onServerError(ctx: InboundContext, code: string, target: string, reason: string): void {
  if (JOIN_ERRORS.has(code) && ctx.isChannel(target) && !ctx.channels.isIn(target)) {
    ctx.channels.unwant(target);
    ctx.joinSettled(target, `Could not join ${target}: ${reason}`);
  } else if (SEND_ERRORS.has(code)) {
    if (code === '401') reportPresence(ctx, ctx.roster.set(target, 'offline'));
    ctx.undeliverable(target, reason);
  }
}

export function inboundEvents(ctx: InboundContext): InboundEvents {
  return {
    message: (m) => onMessage(ctx, m),
    ...membership(ctx),
    ...presenceEvents(ctx),
    serverError: (code, target, reason) => onServerError(ctx, code, target, reason),
  };
}

/** The same handlers, doing nothing once `current()` is false (a connection we have let go of). */
export function onlyWhile<T extends object>(current: () => boolean, handlers: T): T {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        if (current()) (fn as (...a: unknown[]) => void)(...args);
      },
    ]),
  ) as T;
}
