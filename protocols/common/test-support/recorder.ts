/**
 * An adapter under test with every event it emits and every log line
 * recorded, and waits on the events that fail with what did arrive instead.
 * xmpp/ and irc/ test-support make their adapters and record them here.
 */
import type { AdapterEventName, AdapterEvents, ProtocolAdapter } from '../../adapter';
import type { Logger } from '../logger';
import { Waiters } from './waiters';

export interface Recorded<A extends ProtocolAdapter = ProtocolAdapter> {
  adapter: A;
  events: { [E in AdapterEventName]: AdapterEvents[E][] };
  logs: string[];
  /** The first event of that name matching, from the `since`-th on (default: all, past or future). */
  next<E extends AdapterEventName>(
    name: E,
    match?: (payload: AdapterEvents[E]) => boolean,
    timeoutMs?: number,
    since?: number,
  ): Promise<AdapterEvents[E]>;
  /** How many events of that name so far: pass it as `since` to wait only for later ones. */
  count(name: AdapterEventName): number;
}

const NAMES: AdapterEventName[] = [
  'state',
  'message',
  'presence',
  'roster',
  'subscription',
  'certificate',
  'group.message',
  'group.members',
  'send.failed',
  'dropped',
];

/** Makes an adapter with a logger that records, and records its events from the start. */
export function record<A extends ProtocolAdapter>(create: (logger: Logger) => A): Recorded<A> {
  const logs: string[] = [];
  const adapter = create({ log: (level, message) => logs.push(`${level} ${message}`) });
  const events = Object.fromEntries(NAMES.map((n) => [n, []])) as unknown as Recorded['events'];
  const waiters = Object.fromEntries(NAMES.map((n) => [n, new Waiters<unknown>(events[n])])) as unknown as {
    [E in AdapterEventName]: Waiters<AdapterEvents[E]>;
  };
  const listen = <E extends AdapterEventName>(name: E) =>
    adapter.on(name, (payload) => {
      events[name].push(payload);
      waiters[name].changed();
    });
  for (const name of NAMES) listen(name);
  const next = <E extends AdapterEventName>(
    name: E,
    match: (payload: AdapterEvents[E]) => boolean = () => true,
    timeoutMs = 10_000,
    since = 0,
  ) =>
    waiters[name].first(match, {
      since,
      timeoutMs,
      failure: (_why, seen) =>
        new Error(
          `no matching '${name}' event within ${timeoutMs} ms; got: ${JSON.stringify(seen).slice(0, 2000)}\nstates: ${JSON.stringify(events.state)}\nlogs:\n${logs.slice(-20).join('\n')}`,
        ),
    });
  return { adapter, events, logs, next, count: (name) => events[name].length };
}
