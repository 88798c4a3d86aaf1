/**
 * Browser mode: serves the built renderer on loopback and carries the API over a
 * WebSocket, like Jupyter. The printed URL holds a one-time random token; the first
 * request with it gets an HttpOnly, SameSite=Strict cookie, and every later request
 * and the WebSocket must carry that cookie. The Host header must name this server
 * (against DNS rebinding) and the WebSocket's Origin must be this server's own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SottoCore } from '../core/sotto-core';
import { rendererCsp } from '../security/csp';
import { createRpcSession } from './rpc-session';
import { readStaticFile } from './static-files';

export interface BrowserServerOptions {
  core: SottoCore;
  /** The folder of the built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Fixed only by tests; normally 32 random bytes. */
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  origin: string;
  close(): Promise<void>;
}

const COOKIE = 'sotto-token';
const HOST = '127.0.0.1';
/** The largest API message accepted from the page; larger ones close the socket. */
const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origins = [`http://${HOST}:${port}`, `http://localhost:${port}`];
  const hosts = [`${HOST}:${port}`, `localhost:${port}`];
  const csp = rendererCsp({ websocketOrigin: `ws://${HOST}:${port} ws://localhost:${port}` });

  const refuse = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (!hosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'Forbidden: unknown Host.\n');
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.\n');
      const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
      const queryToken = url.searchParams.get('token') ?? undefined;
      if (sameSecret(queryToken, token)) {
        // Trade the token in the address bar for a cookie, then drop it from the URL.
        res.writeHead(303, {
          location: url.pathname,
          'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
        });
        return res.end();
      }
      if (!sameSecret(cookieToken(req), token)) {
        return refuse(res, 403, 'Forbidden: open the address Sotto printed, with its token.\n');
      }
      const file = await readStaticFile(options.staticDir, url.pathname);
      if (!file) return refuse(res, 404, 'Not found.\n');
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err: unknown) => {
      options.core.logger.log('error', `browser server: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) refuse(res, 500, 'Internal error.\n');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    const allowed =
      path === '/api' &&
      hosts.includes(req.headers.host ?? '') &&
      origins.includes(req.headers.origin ?? '') &&
      sameSecret(cookieToken(req), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = createRpcSession(options.core, (text) => ws.send(text));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        void session.receive(data.toString());
      });
      ws.on('close', () => session.close());
      ws.on('error', () => ws.terminate());
    });
  });

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    origin: origins[0] as string,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
