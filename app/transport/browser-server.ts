/**
 * Browser mode: serves the built renderer on loopback and carries the API over a
 * WebSocket, like Jupyter. The printed URL holds a single-use random token; the
 * first request with it gets an HttpOnly, SameSite=Strict cookie with a session
 * secret (browser-access.ts), and every later request and the WebSocket must carry
 * that cookie. The Host header must name this server (against DNS rebinding) and
 * the WebSocket's Origin must be this server's own.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SottoCore } from '../core/sotto-core';
import { BrowserAccess } from './browser-access';
import { rendererCsp } from '../security/csp';
import { createRpcSession } from './rpc-session';
import { readStaticFile } from './static-files';

export interface BrowserServerOptions {
  core: SottoCore;
  /** The folder of the built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or undefined picks a free port. */
  port?: number | undefined;
  /** Fixed only by tests; normally 32 random bytes. */
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  origin: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** The largest API message accepted from the page; larger ones close the socket. */
const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const access = new BrowserAccess(token, port);
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
      const queryToken = url.searchParams.get('token');
      const redeemed = queryToken === null ? 'wrong' : access.redeem(queryToken, req);
      if (redeemed === 'set-cookie' || redeemed === 'already-in') {
        // Trade the token in the address bar for a cookie, then drop it from the URL.
        res.writeHead(303, {
          location: url.pathname,
          ...(redeemed === 'set-cookie' ? { 'set-cookie': access.cookie } : {}),
          'cache-control': 'no-store',
        });
        return res.end();
      }
      if (redeemed === 'used') {
        return refuse(
          res,
          403,
          'Forbidden: this address has already been used to open Sotto, and it works only once. Go back to the browser window where Sotto is open, or restart Sotto for a new address.\n',
        );
      }
      if (!access.admits(req)) {
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
      access.admits(req);
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
