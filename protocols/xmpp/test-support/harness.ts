/**
 * An XMPP adapter under test, with every event it emits and every log line
 * recorded, and waits on them that fail with what did arrive instead.
 */
import type { AdapterEventName, AdapterEvents, ProtocolAdapter } from '../../adapter';
import type { XmppAdapterOptions } from '../options';
import { createXmppAdapter } from '../xmpp-adapter';

export interface Recorded {
  adapter: ProtocolAdapter;
  events: { [E in AdapterEventName]: AdapterEvents[E][] };
  logs: string[];
  /** The first event of that name matching, from the `since`-th on (default: all, past or future). */
  next<E extends AdapterEventName>(name: E, match?: (payload: AdapterEvents[E]) => boolean, timeoutMs?: number, since?: number): Promise<AdapterEvents[E]>;
  /** How many events of that name so far: pass it as `since` to wait only for later ones. */
  count(name: AdapterEventName): number;
}

const NAMES: AdapterEventName[] = ['state', 'message', 'presence', 'roster', 'subscription', 'certificate', 'group.message', 'group.members', 'send.failed', 'dropped'];

export interface ServerAddress {
  host: string;
  port: number;
  directTlsPort: number;
  domain: string;
}

export function recordAdapter(options: Omit<XmppAdapterOptions, 'logger'>): Recorded {
  const logs: string[] = [];
  const adapter = createXmppAdapter({ ...options, logger: { log: (level, message) => logs.push(`${level} ${message}`) } });
  const events = Object.fromEntries(NAMES.map((n) => [n, []])) as unknown as Recorded['events'];
  const waiters = new Set<() => void>();
  for (const name of NAMES) {
    adapter.on(name, (payload) => {
      (events[name] as unknown[]).push(payload);
      for (const w of [...waiters]) w();
    });
  }
  return {
    adapter,
    events,
    logs,
    count: (name) => events[name].length,
    next(name, match = () => true, timeoutMs = 10_000, since = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const list = events[name] as AdapterEvents[typeof name][];
          const found = list.slice(since).find((p) => match(p));
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = JSON.stringify(events[name].slice(since)).slice(0, 2000);
          reject(new Error(`no matching '${name}' event within ${timeoutMs} ms; got: ${seen}\nstates: ${JSON.stringify(events.state)}\nlogs:\n${logs.slice(-15).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** An account on the test server, connecting over plain TCP on loopback unless told otherwise. */
export function account(server: ServerAddress, name: string, password: string, extra: Partial<XmppAdapterOptions> = {}): Recorded {
  return recordAdapter({ jid: `${name}@${server.domain}`, password, host: server.host, port: server.port, tls: 'none', ...extra });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
