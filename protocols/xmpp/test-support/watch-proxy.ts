/**
 * A TCP proxy on loopback in front of a test server that reads the XMPP it
 * carries (wire-log.ts), so that a crash test can strike at an exact point of a
 * client's login: when the client writes `<auth`, `<resume` or `<enable`, the
 * proxy holds that write (and all after it) back from the server, or passes it
 * on and holds back the server's answers instead, then tells the test, which
 * kills the server. It can also cut the network under the client: at once,
 * right after the server wrote something, or as a connection is accepted.
 * When either side closes, so does the other.
 */
import { connect, createServer, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { WireLog } from './wire-log';

export interface Trap {
  /** Text the client writes, e.g. `<enable`. */
  pattern: string;
  /**
   * 'client': the write never reaches the server (nor anything after it).
   * 'server': the write goes on, but nothing the server sends reaches the client any more.
   */
  hold: 'client' | 'server';
}

export interface WatchProxy {
  port: number;
  wire: WireLog;
  /** Resolves when a client next writes the pattern, with the hold in place. */
  trap(trap: Trap): Promise<void>;
  /** When the server next writes the pattern, passes that on, then cuts the connection (RST) at once. */
  cutAfterServer(pattern: string): Promise<void>;
  /** Cuts every connection (RST both ways), as a network that fails. */
  cut(): void;
  /** The next connection is reset as soon as it is accepted. */
  resetNext(): void;
  close(): Promise<void>;
}

/** What the test has armed, shared by every connection the proxy carries. */
interface Traps {
  client?: { trap: Trap; sprung(): void } | undefined;
  server?: { pattern: string; sprung(): void } | undefined;
}

/** One client's connection, carried to the server and watched both ways. */
class Carriage {
  private holdClient = false;
  private holdServer = false;
  private readonly pending: Buffer[] = [];
  private readonly fromClient = new StringDecoder('utf8');
  private readonly toClient = new StringDecoder('utf8');

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly log: ReturnType<WireLog['connection']>,
    private readonly traps: Traps,
  ) {
    upstream.on('connect', () => {
      for (const chunk of this.pending.splice(0)) upstream.write(chunk);
    });
    client.on('data', (chunk: Buffer) => this.clientWrote(chunk));
    upstream.on('data', (chunk: Buffer) => this.serverWrote(chunk));
  }

  private clientWrote(chunk: Buffer): void {
    if (this.holdClient) return;
    const text = this.fromClient.write(chunk);
    const trap = this.traps.client?.trap;
    const at = trap ? text.indexOf(trap.pattern) : -1;
    if (!trap || at === -1) {
      this.forward(text);
      return;
    }
    const sprung = this.traps.client?.sprung;
    this.traps.client = undefined;
    if (trap.hold === 'client') {
      this.holdClient = true;
      this.forward(text.slice(0, at));
    } else {
      this.holdServer = true;
      this.forward(text);
    }
    sprung?.();
  }

  private forward(text: string): void {
    if (text === '') return;
    this.log.fromClient(text);
    const bytes = Buffer.from(text, 'utf8');
    if (this.upstream.connecting) this.pending.push(bytes);
    else this.upstream.write(bytes);
  }

  private serverWrote(chunk: Buffer): void {
    if (this.holdServer) return;
    const text = this.toClient.write(chunk);
    this.log.toClient(text);
    const cut = this.traps.server && text.includes(this.traps.server.pattern) ? this.traps.server : undefined;
    if (!cut) {
      this.client.write(chunk);
      return;
    }
    this.traps.server = undefined;
    this.client.write(chunk, () => {
      this.client.resetAndDestroy();
      this.upstream.resetAndDestroy();
      cut.sprung();
    });
  }
}

export async function startWatchProxy(host: string, port: number): Promise<WatchProxy> {
  const wire = new WireLog();
  const sockets = new Set<Socket>();
  const traps: Traps = {};
  let resetNext = false;

  const server = createServer((client) => {
    if (resetNext) {
      resetNext = false;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    new Carriage(client, upstream, wire.connection(), traps);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    wire,
    trap: (trap) =>
      new Promise((resolve) => {
        traps.client = { trap, sprung: resolve };
      }),
    cutAfterServer: (pattern) =>
      new Promise((resolve) => {
        traps.server = { pattern, sprung: resolve };
      }),
    cut: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    resetNext: () => {
      resetNext = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
