/**
 * Playwright fixtures: a real Sotto core in browser mode (bin/sotto --browser,
 * its own temp profile) for each test, reached through the URL it prints.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOTS = join(REPO_ROOT, 'e2e', 'output', 'screenshots');

export interface BrowserSotto {
  url: string;
  origin: string;
  profileDir: string;
  process: ChildProcess;
}

export async function startBrowserSotto(profileDir = mkdtempSync(join(tmpdir(), 'sotto-e2e-'))): Promise<BrowserSotto> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'sotto'), '--browser', '--profile', profileDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`sotto --browser printed no URL in 15 s.\nstderr:\n${stderr}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once('exit', (code) => rej(new Error(`sotto --browser exited with ${code}.\nstderr:\n${stderr}`)));
  });
  return { url, origin: new URL(url).origin, profileDir, process: child };
}

export const test = base.extend<{ sotto: BrowserSotto }>({
  sotto: async ({}, use) => {
    const sotto = await startBrowserSotto();
    await use(sotto);
    sotto.process.kill('SIGTERM');
  },
});

export { expect };
