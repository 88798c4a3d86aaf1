/**
 * The renderer in Debian's Chromium against the real core (browser mode) and a
 * real Prosody: time to the first rows of a buddy list of 2,000 buddies, time to
 * the first lines of a conversation of 10,000 messages, and, while that
 * conversation scrolls from the newest line to the oldest, the longest task and
 * the frames that missed their 60 Hz slot.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHeadless } from '../../testkit/headless';
import { REPO_ROOT } from '../../testkit/repo-root';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startProsody } from '../../testkit/servers/prosody';

export interface UiFigures {
  /** From the transport being up (the renderer's sotto:connected mark) to the first buddy rows. */
  buddyListMs: number;
  /** The same from navigation, page load included. */
  buddyListFromNavigationMs: number;
  conversationMs: number;
  longestTaskMs: number;
  droppedFrames: number;
  frames: number;
  buddies: number;
  messages: number;
}

/** Prosody's own roster file for `user`: written before the server reads it at login. */
function writeRoster(dataDir: string, domain: string, user: string, count: number, peer: string): void {
  const entries = [
    `["${peer}"] = { ["subscription"] = "both"; ["name"] = "Bob"; ["groups"] = { ["Friends"] = true; }; };`,
  ];
  for (let i = 0; i < count - 1; i++) {
    entries.push(
      `["buddy${i}@${domain}"] = { ["subscription"] = "both"; ["name"] = "Buddy ${i}"; ["groups"] = { ["Group ${i % 20}"] = true; }; };`,
    );
  }
  const dir = join(dataDir, domain, 'roster');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${user}.dat`),
    `return {\n[false] = { ["pending"] = {}; ["version"] = 1; };\n${entries.join('\n')}\n};\n`,
  );
}

function startBrowserMode(profileDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'sotto'), '--browser', '--profile', profileDir, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`sotto --browser exited with ${code}`)));
  });
}

/** Runs in the page before anything else: marks when the first rows of a kind appear. */
function installProbes(): void {
  const w = window as unknown as Record<string, unknown>;
  w.__firstSeen = {} as Record<string, number>;
  new MutationObserver(() => {
    const seen = w.__firstSeen as Record<string, number>;
    if (seen.buddy === undefined && document.querySelector('[data-testid="buddy"]')) seen.buddy = performance.now();
    if (seen.message === undefined && document.querySelector('[data-testid="message-text"]'))
      seen.message = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

export async function benchUi(buddies = 2000, messages = 10_000): Promise<UiFigures> {
  const server = await startProsody({
    users: [
      { name: 'alice', password: 'a' },
      { name: 'bob', password: 'b' },
    ],
  });
  const cleanup: (() => unknown)[] = [() => server.dispose()];
  try {
    await server.stop();
    writeRoster(join(server.dir, 'data'), server.domain, 'alice', buddies, `bob@${server.domain}`);
    await server.start();
    const alice = `alice@${server.domain}`;
    const bob = startHeadless();
    cleanup.push(() => bob.stop());
    const { accountId: bobId } = await bob.call<{ accountId: string }>('account.add', {
      protocol: 'xmpp',
      jid: `bob@${server.domain}`,
      password: 'b',
      host: server.host,
      port: server.port,
      tls: 'none',
    });
    await bob.call('otr.setPolicy', { accountId: bobId, policy: 'never' });
    await bob.call('account.connect', { accountId: bobId });

    // Alice's profile: the account connects at start, in browser mode.
    const profile = mkdtempSync(join(tmpdir(), 'sotto-ui-bench-'));
    writeFileSync(
      join(profile, 'accounts.json'),
      JSON.stringify({
        version: 1,
        accounts: [
          {
            accountId: `xmpp:${alice}`,
            protocol: 'xmpp',
            jid: alice,
            host: server.host,
            port: server.port,
            tls: 'none',
            autoConnect: true,
            trustedCertificates: [],
          },
        ],
      }),
    );
    writeFileSync(join(profile, 'secrets.json'), JSON.stringify({ secrets: { [`xmpp:${alice}`]: 'a' } }), {
      mode: 0o600,
    });
    writeFileSync(
      join(profile, 'settings.json'),
      JSON.stringify({
        version: 1,
        otr: { [`xmpp:${alice}`]: { policy: 'never', buddies: {} } },
        logging: { plaintext: false },
      }),
    );
    const sotto = await startBrowserMode(profile);
    cleanup.push(() => sotto.stop());

    const browser = await chromium.launch({
      executablePath: process.env.SOTTO_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    cleanup.push(() => browser.close());
    // All messages first, and seen once in a page, so the measured load finds them all in the core.
    const last = `message ${messages - 1}`;
    for (let i = 0; i < messages; i++)
      void bob.request('message.send', { accountId: bobId, peer: alice, text: `message ${i}` }, 600_000);
    // One context: the token in the printed address works once; its cookie lets the second page in.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const warm = await context.newPage();
    await warm.goto(sotto.url);
    await warm.locator('[data-testid="buddy"][data-peer^="bob@"] button').click({ timeout: 60_000 });
    await warm.getByText(last, { exact: true }).waitFor({ timeout: 600_000 });
    await warm.close();
    // Now measure from a fresh load: the buddy list, then the conversation.
    const fresh = await context.newPage();
    await fresh.addInitScript(installProbes);
    await fresh.goto(new URL('/', sotto.url).href);
    await fresh.waitForFunction(
      () => (window as unknown as { __firstSeen: { buddy?: number } }).__firstSeen.buddy !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    const buddyListFromNavigationMs = await fresh.evaluate(
      () => (window as unknown as { __firstSeen: { buddy: number } }).__firstSeen.buddy,
    );
    const buddyListMs =
      buddyListFromNavigationMs -
      (await fresh.evaluate(() => performance.getEntriesByName('sotto:connected')[0]?.startTime ?? 0));
    const shownBuddies = await fresh.getByTestId('buddy').count();
    // Conversations come back as tabs at start: close them, so that opening one is measured.
    await fresh.evaluate(() => document.querySelectorAll<HTMLElement>('.tab-close').forEach((x) => x.click()));
    await fresh.getByTestId('conversation-tab').first().waitFor({ state: 'detached' });
    const clickedAt = await fresh.evaluate(() => {
      delete (window as unknown as { __firstSeen: { message?: number } }).__firstSeen.message;
      const t = performance.now();
      (document.querySelector('[data-testid="buddy"][data-peer^="bob@"] button') as HTMLButtonElement).click();
      return t;
    });
    await fresh.waitForFunction(
      () => (window as unknown as { __firstSeen: { message?: number } }).__firstSeen.message !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    const conversationMs =
      (await fresh.evaluate(() => (window as unknown as { __firstSeen: { message: number } }).__firstSeen.message)) -
      clickedAt;
    await fresh.getByText(last, { exact: true }).waitFor({ timeout: 60_000 });

    const scroll = await fresh.evaluate(async () => {
      const list = document.querySelector('[data-testid="message-list"]') as HTMLElement;
      const tasks: number[] = [];
      const observer = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
      observer.observe({ type: 'longtask', buffered: false });
      const deltas: number[] = [];
      await new Promise<void>((done) => {
        let prev = performance.now();
        const step = (now: number) => {
          deltas.push(now - prev);
          prev = now;
          list.scrollTop -= 400;
          if (list.scrollTop <= 0 || deltas.length > 3000) done();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      observer.disconnect();
      return {
        longest: Math.max(0, ...tasks),
        dropped: deltas.slice(1).filter((d) => d > 1.5 * (1000 / 60)).length,
        frames: deltas.length,
      };
    });
    return {
      buddyListMs,
      buddyListFromNavigationMs,
      conversationMs,
      longestTaskMs: scroll.longest,
      droppedFrames: scroll.dropped,
      frames: scroll.frames,
      buddies: shownBuddies,
      messages,
    };
  } finally {
    for (const f of cleanup.reverse()) await f();
  }
}
