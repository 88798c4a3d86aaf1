import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../core/create-core';
import { startBrowserServer, type BrowserServer } from './browser-server';

const TOKEN = 'a'.repeat(64);
const quiet = { log: () => undefined };

describe('browser mode server', () => {
  let server: BrowserServer;
  /** Another Sotto on another port, printing the same token: its cookie must not open ours. */
  let other: BrowserServer;
  /** The answer to the first use of the printed URL. */
  let first: Response;
  let cookie: string;
  let otherCookie: string;
  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'sotto-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Sotto</title>');
    writeFileSync(join(tmpdir(), 'outside.html'), 'secret');
    const core = await createCore({
      profileDir: mkdtempSync(join(tmpdir(), 'sotto-profile-')),
      frontEnd: 'browser',
      logger: quiet,
    });
    server = await startBrowserServer({ core, staticDir, token: TOKEN });
    other = await startBrowserServer({ core, staticDir, token: TOKEN });
    first = await fetch(server.url, { redirect: 'manual' });
    cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const otherFirst = await fetch(other.url, { redirect: 'manual' });
    otherCookie = (otherFirst.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('trades the token for an HttpOnly, SameSite=Strict cookie and drops it from the URL', () => {
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toMatch(
      new RegExp(`^sotto-session-${server.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`),
    );
  });

  it('puts a session secret of its own in the cookie, never the token', () => {
    expect(cookie).not.toContain(TOKEN);
    expect(otherCookie).not.toContain(TOKEN);
    expect(cookie.split('=')[1]).not.toBe(otherCookie.split('=')[1]);
  });

  it('refuses the token a second time, with a page that says why', async () => {
    const res = await fetch(server.url, { redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toMatch(/already been used to open Sotto, and it works only once/);
    expect((await fetch(`${server.origin}/`)).status).toBe(403);
  });

  it('lets the browser that holds the cookie open the address again, without a new cookie', async () => {
    const res = await fetch(server.url, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses the cookie of another Sotto instance, as sent (cookies ignore ports) and under its own name', async () => {
    const secret = otherCookie.split('=')[1] ?? '';
    for (const foreign of [otherCookie, `sotto-session-${server.port}=${secret}`]) {
      const res = await fetch(`${server.origin}/`, { headers: { cookie: foreign } });
      expect(res.status, foreign).toBe(403);
      const { ws, status } = await openSocket({ origin: server.origin, cookie: foreign });
      expect(ws).toBeUndefined();
      expect(status).toBe(403);
    }
    // Both sent together, as a browser would: ours is found among them.
    expect((await fetch(`${server.origin}/`, { headers: { cookie: `${otherCookie}; ${cookie}` } })).status).toBe(200);
  });

  it('serves nothing without the token', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('<title>Sotto');
  });

  it('serves nothing for a wrong token', async () => {
    const res = await fetch(`${server.origin}/?token=${'b'.repeat(64)}`, { redirect: 'manual' });
    expect(res.status).toBe(403);
    const cookieRes = await fetch(`${server.origin}/`, {
      headers: { cookie: `sotto-session-${server.port}=${'b'.repeat(64)}` },
    });
    expect(cookieRes.status).toBe(403);
  });

  it('serves the renderer with a strict CSP to a holder of the cookie', async () => {
    const res = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Sotto');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example', cookie } },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves no file outside its folder', async () => {
    for (const path of ['/../outside.html', '/%2e%2e/outside.html', '/..%2Foutside.html']) {
      const res = await fetch(`${server.origin}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
    }
  });

  function openSocket(headers: Record<string, string>): Promise<{ ws?: WebSocket; status?: number | undefined }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
      ws.once('open', () => resolve({ ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
      ws.once('error', () => resolve({}));
    });
  }

  it('refuses a WebSocket from a foreign Origin even with the cookie', async () => {
    const { ws, status } = await openSocket({ origin: 'http://evil.example', cookie });
    expect(ws).toBeUndefined();
    expect(status).toBe(403);
  });

  it('refuses a WebSocket without the cookie', async () => {
    const { ws, status } = await openSocket({ origin: server.origin });
    expect(ws).toBeUndefined();
    expect(status).toBe(403);
  });

  it('answers API calls over a WebSocket from its own origin with the cookie', async () => {
    const { ws } = await openSocket({ origin: server.origin, cookie });
    expect(ws).toBeDefined();
    const reply = await new Promise<unknown>((resolve) => {
      ws!.once('message', (data) => resolve(JSON.parse(String(data))));
      ws!.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'app.info' }));
    });
    expect(reply).toMatchObject({ id: 7, result: { name: 'Sotto', transport: 'browser' } });
    ws!.close();
  });
});
