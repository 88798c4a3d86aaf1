/**
 * An IRC adapter under test, with every event it emits recorded, and waits on
 * them that fail with what did arrive.
 */
import type { AdapterEventName, AdapterEvents } from '../../adapter';
import { createIrcAdapter, type IrcAdapter } from '../irc-adapter';
import type { IrcAdapterOptions } from '../options';

export interface Recorded {
  adapter: IrcAdapter;
  events: { [E in AdapterEventName]: AdapterEvents[E][] };
  logs: string[];
  /** Resolves with the first event of that name matching, from the `since`-th on (default: all, past or future). */
  next<E extends AdapterEventName>(name: E, match?: (payload: AdapterEvents[E]) => boolean, timeoutMs?: number, since?: number): Promise<AdapterEvents[E]>;
  /** How many events of that name so far: pass it as `since` to wait only for later ones. */
  count(name: AdapterEventName): number;
}

const NAMES: AdapterEventName[] = ['state', 'message', 'presence', 'roster', 'subscription', 'certificate', 'group.message', 'group.members', 'send.failed', 'dropped'];

export function recordedAdapter(options: Omit<IrcAdapterOptions, 'logger'> & Partial<Pick<IrcAdapterOptions, 'logger'>>): Recorded {
  const logs: string[] = [];
  const adapter = createIrcAdapter({ logger: { log: (level, message) => logs.push(`${level} ${message}`) }, ...options });
  const events = Object.fromEntries(NAMES.map((n) => [n, []])) as unknown as Recorded['events'];
  const waiters = new Set<() => void>();
  for (const name of NAMES) {
    adapter.on(name, (payload) => {
      (events[name] as unknown[]).push(payload);
      for (const w of waiters) w();
    });
  }
  const next: Recorded['next'] = (name, match = () => true, timeoutMs = 10_000, since = 0) =>
    new Promise((resolve, reject) => {
      let seen = since;
      const check = () => {
        const list = events[name];
        for (; seen < list.length; seen++) {
          const payload = list[seen];
          if (payload !== undefined && match(payload)) {
            done();
            resolve(payload);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching "${name}" event in ${timeoutMs} ms; got ${JSON.stringify(events[name]).slice(0, 2000)}\nlog:\n${logs.slice(-20).join('\n')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { adapter, events, logs, next, count: (name) => events[name].length };
}
