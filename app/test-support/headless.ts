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
  request(method: string, params?: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  sendRaw(line: string): void;
  /** Resolves with the next line that matches. */
  nextLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
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
  return {
    child,
    profileDir,
    lines,
    sendRaw: (line) => child.stdin.write(`${line}\n`),
    nextLine,
    async request(method, params) {
      const id = nextId++;
      const reply = nextLine((line) => {
        try {
          return (JSON.parse(line) as { id?: unknown }).id === id;
        } catch {
          return false;
        }
      });
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
