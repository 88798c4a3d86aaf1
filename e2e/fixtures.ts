/**
 * Playwright fixtures: a real Sotto core in browser mode (bin/sotto --browser,
 * its own temp profile) for each test, reached through the URL it prints; a
 * real Prosody and a real ngIRCd per worker, started on first use; headless
 * Sotto peers stopped after each test; and a check that the page threw nothing.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNgircd, type NgircdServer } from '../testkit/servers/ngircd';
import { startProsody, type ProsodyServer } from '../testkit/servers/prosody';
import { startPeer, type Peer, type PeerOptions } from './support/peer';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOTS = join(REPO_ROOT, 'e2e', 'output', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Users registered on the test Prosody. Each test takes fresh ones, so rosters
 * and offline messages never leak between tests: pooled ones (alice2, alice3…,
 * bob2…) for most tests, and plain first names ("personas", each used once)
 * for the tests whose screenshots the README shows.
 */
export const XMPP_USERS_PER_ROLE = { alice: 32, bob: 32, carol: 8 } as const;
export type XmppRole = keyof typeof XMPP_USERS_PER_ROLE;
const XMPP_ROLES = Object.keys(XMPP_USERS_PER_ROLE) as XmppRole[];
export const PERSONAS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'oscar',
] as const;
export type Persona = (typeof PERSONAS)[number];
export const XMPP_PASSWORD = 'correct horse';
const userName = (role: XmppRole, n: number) => `${role}${n + 2}`;

export interface BrowserSotto {
  url: string;
  origin: string;
  profileDir: string;
  process: ChildProcess;
}

export async function startBrowserSotto(profileDir = mkdtempSync(join(tmpdir(), 'sotto-e2e-'))): Promise<BrowserSotto> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'sotto'), '--browser', '--profile', profileDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(
      () => rej(new Error(`sotto --browser printed no URL in 15 s.\nstderr:\n${stderr}`)),
      15_000,
    );
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

const nextUser: Record<XmppRole, number> = { alice: 0, bob: 0, carol: 0 };
const personasUsed = new Set<Persona>();

export interface XmppAccountInfo {
  jid: string;
  name: string;
  password: string;
}

interface TestFixtures {
  sotto: BrowserSotto;
  /** Starts a headless Sotto peer, online; stopped after the test. */
  peer: (options: PeerOptions) => Promise<Peer>;
  /** A fresh user on the worker's Prosody. */
  xmppUser: (role: XmppRole) => XmppAccountInfo;
  /** A user with a plain first name, for screenshots; each one once per worker. */
  persona: (name: Persona) => XmppAccountInfo;
  pageErrors: string[];
}

interface WorkerFixtures {
  prosody: ProsodyServer;
  ngircd: NgircdServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  prosody: [
    async ({}, use) => {
      const pooled = XMPP_ROLES.flatMap((role) =>
        Array.from({ length: XMPP_USERS_PER_ROLE[role] }, (_, n) => userName(role, n)),
      );
      const users = [...PERSONAS, ...pooled].map((name) => ({ name, password: XMPP_PASSWORD }));
      const server = await startProsody({ users });
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
  ngircd: [
    async ({}, use) => {
      const server = await startNgircd({ floodProtection: false });
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
  sotto: async ({}, use) => {
    const sotto = await startBrowserSotto();
    await use(sotto);
    sotto.process.kill('SIGTERM');
  },
  xmppUser: async ({ prosody }, use) => {
    await use((role) => {
      const n = nextUser[role]++;
      if (n >= XMPP_USERS_PER_ROLE[role])
        throw new Error(
          `the test Prosody has only ${XMPP_USERS_PER_ROLE[role]} ${role}s: raise XMPP_USERS_PER_ROLE in e2e/fixtures.ts`,
        );
      const name = userName(role, n);
      return { name, jid: `${name}@${prosody.domain}`, password: XMPP_PASSWORD };
    });
  },
  persona: async ({ prosody }, use) => {
    await use((name) => {
      if (personasUsed.has(name)) throw new Error(`${name} is already used by another test: pick another persona`);
      personasUsed.add(name);
      return { name, jid: `${name}@${prosody.domain}`, password: XMPP_PASSWORD };
    });
  },
  peer: async ({}, use) => {
    const started: Peer[] = [];
    await use(async (options) => {
      const p = await startPeer(options);
      started.push(p);
      return p;
    });
    await Promise.all(started.map((p) => p.sotto.stop()));
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'the page threw').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
