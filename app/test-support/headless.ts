/**
 * Drives a real `bin/sotto --headless` process over JSON-RPC on stdio, as scripts
 * and bots would. Requires `npm run build` (npm test does it first).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'sotto');

export interface HeadlessSotto {
  child: ChildProcessWithoutNullStreams;
  profileDir: string;
  /** Every line the process wrote to stdout, parsed or not. */
  lines: string[];
  /** `timeoutMs`: how long to wait for the answer (IRC paces long messages: seconds per fragment). */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  sendRaw(line: string): void;
  /** Resolves with the next line that matches. */
  nextLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
  /** Resolves with the params of the next notification `method` whose params match. */
  waitForEvent<T = Record<string, unknown>>(method: string, match?: (params: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Calls a method and throws if it answers with an error. */
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
}

export function startHeadless(profileDir = mkdtempSync(join(tmpdir(), 'sotto-profile-'))): HeadlessSotto {
  if (!existsSync(join(REPO_ROOT, 'dist', 'app', 'sotto.mjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, [BIN, '--headless', '--profile', profileDir, '--log-level', 'warn'], { stdio: 'pipe' });
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of watchers) w(line);
  });
  let nextId = 1;
  const nextLine = (match: (line: string) => boolean, timeoutMs = 10_000) =>
    new Promise<string>((res, rej) => {
      const watcher = (line: string) => {
        if (!match(line)) return;
        watchers.delete(watcher);
        clearTimeout(timer);
        res(line);
      };
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        rej(new Error(`no matching line from sotto within ${timeoutMs} ms`));
      }, timeoutMs);
      watchers.add(watcher);
    });
  const notifications: { method: string; params: unknown }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const msg = JSON.parse(line) as { method?: string; params?: unknown; id?: unknown };
      if (typeof msg.method === 'string' && msg.id === undefined) notifications.push({ method: msg.method, params: msg.params });
    } catch {
      // Not JSON: the stdout test catches that.
    }
  });
  // Polled rather than pushed: a notification may arrive before the test starts waiting for it.
  const waitForEvent = <T,>(method: string, match: (params: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> =>
    new Promise<T>((res, rej) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const found = notifications.findIndex((n) => n.method === method && match(n.params as T));
        if (found >= 0) {
          clearInterval(poll);
          const [n] = notifications.splice(found, 1);
          res(n!.params as T);
        } else if (Date.now() - started > timeoutMs) {
          clearInterval(poll);
          rej(new Error(`no matching ${method} event from sotto within ${timeoutMs} ms; pending: ${notifications.map((n) => n.method).join(', ')}`));
        }
      }, 10);
    });
  return {
    child,
    profileDir,
    lines,
    waitForEvent,
    async call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T> {
      const reply = await this.request(method, params, timeoutMs);
      if (reply.error) throw new Error(`${method} failed: ${reply.error.message}`);
      return reply.result as T;
    },
    sendRaw: (line) => child.stdin.write(`${line}\n`),
    nextLine,
    async request(method, params, timeoutMs = 30_000) {
      const id = nextId++;
      const reply = nextLine((line) => {
        try {
          return (JSON.parse(line) as { id?: unknown }).id === id;
        } catch {
          return false;
        }
      }, timeoutMs);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return JSON.parse(await reply) as { result?: unknown; error?: { code: number; message: string } };
    },
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.stdin.end();
      }),
  };
}
