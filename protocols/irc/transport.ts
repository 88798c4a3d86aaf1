/**
 * RFC 1459 §8.1 / RFC 2812 §2.3 over TCP, and RFC 7194 (IRC over TLS): the
 * socket under irc-framework, given to it through its `transport` option in
 * place of its own. Ours exists so that, whatever the library does:
 * - an untrusted TLS certificate is refused unless the user accepted it
 *   (open-socket.ts, certificate.ts), and reported;
 * - lines from the server are framed with a size bound and strict UTF-8
 *   (line-framer.ts), and what is dropped is reported;
 * - every line we write goes through the flood-control pacer (pacer.ts);
 * - an exception raised while the library handles a line is caught here,
 *   reported as a dropped line, and never reaches the event loop.
 *
 * The library drives it with connect(), writeLine(), close(), disposeSocket()
 * and setEncoding(), and listens for 'open', 'line', 'close' and 'debug'.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { LineFramer } from './line-framer';
import { openSocket } from './open-socket';
import type { TransportHooks } from './session-types';

/** The connection options irc-framework passes to a transport. */
export interface LibraryOptions {
  host?: unknown;
  port?: unknown;
  tls?: unknown;
  ping_interval?: unknown;
  ping_timeout?: unknown;
}

/** A client line may not exceed 512 bytes with CR LF: ngIRCd drops a client that sends one. */
const MAX_OUT_BYTES = 510;
const CONNECT_TIMEOUT_MS = 20_000;

/** The nick a server line comes from, for reports; never the text. */
function sourceOf(line: string): string {
  const m = /^(?:@\S+ +)?:([^\s!@]+)/.exec(line);
  return m?.[1] ?? 'the server';
}

/** The transport class irc-framework is given: it makes one per connection, with its options only. */
export function transportClass(hooks: TransportHooks): new (options: LibraryOptions) => EventEmitter {
  return class extends SottoTransport {
    constructor(options: LibraryOptions) {
      super(hooks, options);
    }
  };
}

export class SottoTransport extends EventEmitter {
  private socket: Socket | TLSSocket | undefined;
  private connected = false;
  private lastError: Error | undefined;
  private readonly framer: LineFramer;
  private readonly sink = (line: string) => {
    this.socket?.write(`${line}\r\n`);
  };

  constructor(
    private readonly hooks: TransportHooks,
    private readonly options: LibraryOptions,
  ) {
    super();
    this.framer = new LineFramer((bytes) =>
      hooks.onDropped(`A line of ${bytes} bytes from the server was dropped: lines over 16 KiB are not accepted.`),
    );
  }

  isConnected(): boolean {
    return this.connected;
  }

  connect(): void {
    const host = String(this.options.host ?? '');
    const port = Number(this.options.port);
    this.lastError = undefined;
    const { socket, handshaking } = openSocket({ host, port, tls: Boolean(this.options.tls) }, this.hooks, {
      open: () => this.opened(),
      refused: (reason) => {
        this.lastError = new Error(reason);
      },
    });
    this.socket = socket;
    socket.setTimeout(CONNECT_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (err) => {
      this.lastError = err;
    });
    socket.on('timeout', () => {
      this.lastError = new Error(
        this.connected
          ? 'The server stopped answering.'
          : handshaking()
            ? `${host}:${port} did not complete a TLS handshake: is this the server's TLS port?`
            : `${host}:${port} did not answer in time.`,
      );
      socket.destroy();
    });
    socket.once('close', () => this.closed(socket));
  }

  writeLine(line: string, written?: () => void): void {
    if (!this.connected) {
      if (written) process.nextTick(written);
      return;
    }
    if (/[\r\n\0]/.test(line) || Buffer.byteLength(line, 'utf8') > MAX_OUT_BYTES) {
      // Sending it would get us disconnected (ngIRCd: "Request too long"); a bug upstream of here.
      this.hooks.log('error', `refused to send a malformed or over-long ${line.split(' ', 1)[0] ?? ''} line`);
      if (written) process.nextTick(written);
      return;
    }
    this.hooks.pacer.sendControl(line, written);
  }

  setEncoding(encoding: string): boolean {
    return /^utf-?8$/i.test(encoding);
  }

  close(force?: boolean): void {
    const socket = this.socket;
    if (!socket) return;
    if (force || !this.connected) {
      socket.destroy();
      return;
    }
    socket.end();
    // A server that never closes its side must not keep us half-open.
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  disposeSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.connected = false;
    this.hooks.pacer.close(this.sink);
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.destroy();
  }

  private opened(): void {
    const socket = this.socket;
    if (!socket) return;
    this.connected = true;
    // irc-framework pings every ping_interval and gives up after ping_timeout; the socket timeout is a backstop.
    const idle = (Number(this.options.ping_interval) || 30) + (Number(this.options.ping_timeout) || 120);
    socket.setTimeout(idle * 1000);
    this.hooks.pacer.open(this.sink);
    this.emit('open');
  }

  private received(chunk: Buffer): void {
    for (const line of this.framer.push(chunk)) {
      if (line.invalidUtf8)
        this.hooks.onDropped(
          `A line from ${sourceOf(line.text)} was not valid UTF-8: the bad bytes were replaced by U+FFFD.`,
        );
      try {
        this.emit('line', line.text);
      } catch (err) {
        this.hooks.onDropped(`A line from ${sourceOf(line.text)} could not be handled and was dropped.`);
        this.hooks.log(
          'error',
          `IRC line handling failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      }
    }
  }

  private closed(socket: Socket | TLSSocket): void {
    if (socket !== this.socket) return;
    this.connected = false;
    this.framer.finish();
    this.hooks.pacer.close(this.sink);
    this.emit('close', this.lastError ?? false);
  }
}
