/**
 * The other side of a conversation in the IRC tests: a plain IRC client over a
 * raw socket, so a test sees exactly the bytes the server relayed (no library
 * in between to trim, decode or split them).
 */
import { connect, type Socket } from 'node:net';
import { Waiters } from '../../common/test-support/waiters';

export interface IrcPeer {
  readonly nick: string;
  /** Every line received, as raw bytes without CR LF. */
  readonly lines: Buffer[];
  send(line: string | Buffer): void;
  /** Resolves with the first line (as text) matching, waiting for it if needed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The bodies of PRIVMSG or NOTICE lines from `nick` to us, in order. */
  messagesFrom(nick: string, command?: 'PRIVMSG' | 'NOTICE'): string[];
  /** Resolves when the socket is closed (by either side). */
  readonly closed: Promise<void>;
  close(): void;
}

/** Cuts the bytes from the server into lines (without CR LF), answering PINGs on the way. */
function readLines(socket: Socket, lines: Buffer[], arrived: () => void): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let lf = buffer.indexOf(0x0a); lf !== -1; lf = buffer.indexOf(0x0a)) {
      let line = buffer.subarray(0, lf);
      buffer = buffer.subarray(lf + 1);
      if (line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      if (line.toString('utf8').startsWith('PING ')) socket.write(`PONG ${line.toString('utf8').slice(5)}\r\n`);
      lines.push(Buffer.from(line));
    }
    arrived();
  });
}

function peerOver(socket: Socket, nick: string): IrcPeer {
  const lines: Buffer[] = [];
  const waiters = new Waiters(lines);
  let isClosed = false;
  const closed = new Promise<void>((res) => socket.once('close', () => res()));
  readLines(socket, lines, () => waiters.changed());
  socket.on('close', () => {
    isClosed = true;
    waiters.changed();
  });
  const texts = () => lines.map((l) => l.toString('utf8'));
  return {
    nick,
    lines,
    closed,
    send: (line) => socket.write(typeof line === 'string' ? `${line}\r\n` : line),
    waitFor: async (pattern, timeoutMs = 10_000) => {
      const line = await waiters.first((l) => pattern.test(l.toString('utf8')), {
        timeoutMs,
        ended: () => isClosed,
        failure: (why) =>
          new Error(
            why === 'ended'
              ? `${nick}: connection closed before ${pattern}; received:\n${texts().join('\n')}`
              : `${nick}: timed out waiting for ${pattern}; received:\n${texts().slice(-30).join('\n')}`,
          ),
      });
      return line.toString('utf8');
    },
    messagesFrom: (from, command = 'PRIVMSG') =>
      texts()
        .filter((l) => l.startsWith(`:${from}!`) && l.split(' ')[1] === command)
        .map((l) => l.slice(l.indexOf(' :', l.indexOf(` ${command} `)) + 2)),
    close: () => socket.destroy(),
  };
}

export function connectPeer(
  host: string,
  port: number,
  nick: string,
  options: { password?: string; register?: boolean } = {},
): Promise<IrcPeer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const peer = peerOver(socket, nick);
    let connected = false;
    // After the connection, a reset (e.g. the server dropping a flooding peer) is expected: `closed` tells.
    socket.on('error', (err) => {
      if (!connected) reject(err);
    });
    socket.once('connect', () => {
      connected = true;
      if (options.register === false) {
        resolve(peer);
        return;
      }
      if (options.password) peer.send(`PASS ${options.password}`);
      peer.send(`NICK ${nick}`);
      peer.send(`USER ${nick} 0 * :${nick}`);
      peer.waitFor(/ (376|422) /).then(() => resolve(peer), reject);
    });
  });
}
