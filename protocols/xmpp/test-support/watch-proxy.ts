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

export async function startWatchProxy(host: string, port: number): Promise<WatchProxy> {
  const wire = new WireLog();
  const sockets = new Set<Socket>();
  let armed: { trap: Trap; sprung(): void } | undefined;
  let armedServer: { pattern: string; sprung(): void } | undefined;
  let resetNext = false;

  const server = createServer((client) => {
    if (resetNext) {
      resetNext = false;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host, port });
    const log = wire.connection();
    let holdClient = false;
    let holdServer = false;
    const pending: Buffer[] = [];
    const fromClient = new StringDecoder('utf8');
    const toClient = new StringDecoder('utf8');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('connect', () => {
      for (const chunk of pending.splice(0)) upstream.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      if (holdClient) return;
      const text = fromClient.write(chunk);
      const trap = armed?.trap;
      const at = trap ? text.indexOf(trap.pattern) : -1;
      if (trap && at !== -1) {
        const sprung = armed?.sprung;
        armed = undefined;
        if (trap.hold === 'client') {
          holdClient = true;
          forward(text.slice(0, at));
        } else {
          holdServer = true;
          forward(text);
        }
        sprung?.();
        return;
      }
      forward(text);
    });
    function forward(text: string): void {
      if (text === '') return;
      log.fromClient(text);
      const bytes = Buffer.from(text, 'utf8');
      if (upstream.connecting) pending.push(bytes);
      else upstream.write(bytes);
    }
    upstream.on('data', (chunk: Buffer) => {
      if (holdServer) return;
      const text = toClient.write(chunk);
      log.toClient(text);
      const cut = armedServer && text.includes(armedServer.pattern) ? armedServer : undefined;
      if (!cut) {
        client.write(chunk);
        return;
      }
      armedServer = undefined;
      client.write(chunk, () => {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
        cut.sprung();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    wire,
    trap: (trap) =>
      new Promise((resolve) => {
        armed = { trap, sprung: resolve };
      }),
    cutAfterServer: (pattern) =>
      new Promise((resolve) => {
        armedServer = { pattern, sprung: resolve };
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
