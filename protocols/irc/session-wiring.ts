/**
 * Each connection the link opens (link.ts), wired to the account's parts: what
 * arrives goes to inbound.ts, how the server shows us to identity.ts, the
 * server's limits (RPL_ISUPPORT, 005) to relay-prefix.ts, the case mapping and
 * buddies.ts; the transport is given the pacer and the certificates the user
 * trusts. Events of a connection we have already let go of are dropped.
 */
import type { AdapterEventName, AdapterEvents } from '../adapter';
import type { LogLevel } from '../common/logger';
import type { Buddies } from './buddies';
import type { Channels } from './channels';
import type { IdentityUpdate, Identity } from './identity';
import { inboundEvents, onlyWhile } from './inbound';
import { InboundLimiter } from './inbound-limiter';
import type { JoinRequests } from './joins';
import type { LinkHooks } from './link';
import type { AccountConfig, IrcAdapterOptions } from './options';
import type { Outbox } from './outbox';
import type { Pacer } from './pacer';
import { limitsOf, type RelayPrefix } from './relay-prefix';
import { Session } from './session';
import { caseMappingOf, type CaseMapping } from './wire';

/** The adapter's parts a connection talks to, and the adapter's own ways out. */
export interface SessionParts {
  account: AccountConfig;
  options: IrcAdapterOptions;
  prefix: RelayPrefix;
  pacer: Pacer;
  identity: Identity;
  outbox: Outbox;
  channels: Channels;
  joins: JoinRequests;
  buddies: Buddies;
  /** Messages per sender: a flood is dropped and reported. */
  limiter: InboundLimiter;
  /** The registered connection, if any. */
  live(): Session | undefined;
  isChannel(name: string): boolean;
  /** The server said how it compares names (CASEMAPPING). */
  caseMapping(mapping: CaseMapping): void;
  emit<E extends AdapterEventName>(event: E, payload: AdapterEvents[E]): void;
  log(level: LogLevel, message: string): void;
}

/** The link's `createSession`: a new Session for every connection attempt. */
export function sessionFactory(parts: SessionParts): LinkHooks['createSession'] {
  const { options, identity } = parts;
  /** Limits how often we answer CTCP at all, so we cannot be used to flood; silent, since a query we do not answer is reported as such (inbound.ts). */
  const answerLimiter = new InboundLimiter(() => undefined, { burst: 3, perSecond: 0.2 });

  /** RPL_ISUPPORT (005): the server's limits, how it compares names, whether it has MONITOR. */
  const serverSaid = (tokens: Record<string, unknown>): void => {
    parts.prefix.setLimits(limitsOf(tokens));
    parts.caseMapping(caseMappingOf(tokens.CASEMAPPING));
    parts.buddies.serverOffersMonitor(tokens.MONITOR !== undefined);
  };

  return (end, current) => {
    identity.connecting();
    const send = (line: string) => parts.live()?.send(line);
    const inbound = inboundEvents({
      emit: (event, payload) => parts.emit(event, payload),
      channels: parts.channels,
      roster: parts.buddies.roster,
      watch: () => parts.buddies.watcher,
      limiter: parts.limiter,
      answerLimiter,
      ctcp: options.ctcp ?? {},
      send,
      isUs: (nick) => identity.isUs(nick),
      isChannel: (name) => parts.isChannel(name),
      weAreNow: (nick) => identity.weAreNow(nick),
      joinSettled: (room, error) => parts.joins.settle(room, error),
      nickFreed: (nick) => identity.freed(nick, send),
      undeliverable: (target, reason) => parts.outbox.undeliverable(target, reason),
    });
    const hooks = {
      pacer: parts.pacer,
      trustedCertificates: () => options.trustedCertificates ?? [],
      caCertificates: options.caCertificates,
      onDropped: (reason: string) => parts.emit('dropped', { reason }),
      log: (level: LogLevel, message: string) => parts.log(level, message),
    };
    return new Session(
      { ...parts.account, hooks },
      {
        // Events of a connection we have already let go of are stale: dropped.
        ...onlyWhile(current, {
          ...inbound,
          identity: (update: IdentityUpdate) => identity.told(update, parts.live() !== undefined),
          isupport: (tokens: Record<string, unknown>) => serverSaid(tokens),
        }),
        ...end,
        certificate: (certificate) => parts.emit('certificate', certificate),
      },
    );
  };
}
