/**
 * Drives a real `bin/sotto --headless` process over JSON-RPC on stdio, as scripts
 * and bots would. Requires `npm run build` (npm test does it first).
 *
 * Each line is parsed once: replies go to their request by id, notifications
 * into a list that waitForEvent searches, so thousands of requests in flight
 * cost no more than a few (the benchmarks send 10,000).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './repo-root';

const BIN = join(REPO_ROOT, 'bin', 'sotto');

export interface RpcReply {
  result?: unknown;
  error?: { code: number; message: string };
}

export interface HeadlessSotto {
  child: ChildProcessWithoutNullStreams;
  profileDir: string;
  /** Every line the process wrote to stdout, parsed or not. */
  lines: string[];
  /** `timeoutMs`: how long to wait for the answer (IRC paces long messages: seconds per fragment). */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<RpcReply>;
  /** Calls a method and throws if it answers with an error. */
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  sendRaw(line: string): void;
  /** Resolves with the next line that matches. */
  nextLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the params of the first unclaimed notification `method` whose params match. */
  waitForEvent<T = Record<string, unknown>>(
    method: string,
    match?: (params: T) => boolean,
    timeoutMs?: number,
  ): Promise<T>;
  /** Called with every notification as it arrives (benchmarks count with it). */
  onNotification(listener: (method: string, params: unknown) => void): void;
  stop(): Promise<number | null>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, cleanup: () => void): Promise<T> {
  return new Promise<T>((res, rej) => {
    const timer = setTimeout(() => {
      cleanup();
      rej(new Error(`${what} within ${ms} ms`));
    }, ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        res(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        rej(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function startHeadless(profileDir = mkdtempSync(join(tmpdir(), 'sotto-profile-'))): HeadlessSotto {
  if (!existsSync(join(REPO_ROOT, 'dist', 'app', 'sotto.mjs')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, [BIN, '--headless', '--profile', profileDir, '--log-level', 'warn'], {
    stdio: 'pipe',
  });
  const lines: string[] = [];
  const replies = new Map<number, (reply: RpcReply) => void>();
  const notifications: { method: string; params: unknown }[] = [];
  const notificationListeners: ((method: string, params: unknown) => void)[] = [];
  const lineWatchers = new Set<(line: string) => void>();
  const eventWaiters = new Set<() => void>();

  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of lineWatchers) w(line);
    let msg: { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: RpcReply['error'] };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return; // Not JSON: the stdout test catches that.
    }
    if (typeof msg.id === 'number' && replies.has(msg.id)) {
      const resolve = replies.get(msg.id)!;
      replies.delete(msg.id);
      resolve({ ...('result' in msg ? { result: msg.result } : {}), ...(msg.error ? { error: msg.error } : {}) });
    } else if (typeof msg.method === 'string' && msg.id === undefined) {
      for (const l of notificationListeners) l(msg.method, msg.params);
      notifications.push({ method: msg.method, params: msg.params });
      for (const w of [...eventWaiters]) w();
    }
  });

  let nextId = 1;
  const sotto: HeadlessSotto = {
    child,
    profileDir,
    lines,
    request(method, params, timeoutMs = 30_000) {
      const id = nextId++;
      const reply = new Promise<RpcReply>((res) => replies.set(id, res));
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return withTimeout(reply, timeoutMs, `no answer to ${method} from sotto`, () => replies.delete(id));
    },
    async call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T> {
      const reply = await sotto.request(method, params, timeoutMs);
      if (reply.error) throw new Error(`${method} failed: ${reply.error.message}`);
      return reply.result as T;
    },
    sendRaw: (line) => child.stdin.write(`${line}\n`),
    nextLine(match, timeoutMs = 10_000) {
      let watcher: (line: string) => void = () => undefined;
      const found = new Promise<string>((res) => {
        watcher = (line) => {
          if (!match(line)) return;
          lineWatchers.delete(watcher);
          res(line);
        };
        lineWatchers.add(watcher);
      });
      return withTimeout(found, timeoutMs, 'no matching line from sotto', () => lineWatchers.delete(watcher));
    },
    waitForEvent<T>(method: string, match: (params: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> {
      let waiter: () => void = () => undefined;
      // A notification may have come before the test started waiting: look at those first.
      const found = new Promise<T>((res) => {
        waiter = () => {
          const i = notifications.findIndex((n) => n.method === method && match(n.params as T));
          if (i < 0) return;
          eventWaiters.delete(waiter);
          res(notifications.splice(i, 1)[0]!.params as T);
        };
        eventWaiters.add(waiter);
        waiter();
      });
      return withTimeout(found, timeoutMs, `no matching ${method} event from sotto`, () => eventWaiters.delete(waiter));
    },
    onNotification: (listener) => void notificationListeners.push(listener),
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.stdin.end();
      }),
  };
  return sotto;
}
