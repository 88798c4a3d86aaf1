/**
 * The other side of a conversation in the IRC tests: a plain IRC client over a
 * raw socket, so a test sees exactly the bytes the server relayed (no library
 * in between to trim, decode or split them).
 */
import { connect, type Socket } from 'node:net';

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

export function connectPeer(host: string, port: number, nick: string, options: { password?: string; register?: boolean } = {}): Promise<IrcPeer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const lines: Buffer[] = [];
    let buffer = Buffer.alloc(0);
    const waiters = new Set<() => void>();
    let isClosed = false;
    const closed = new Promise<void>((res) => socket.once('close', () => res()));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let lf = buffer.indexOf(0x0a); lf !== -1; lf = buffer.indexOf(0x0a)) {
        let line = buffer.subarray(0, lf);
        buffer = buffer.subarray(lf + 1);
        if (line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
        const text = line.toString('utf8');
        if (text.startsWith('PING ')) socket.write(`PONG ${text.slice(5)}\r\n`);
        lines.push(Buffer.from(line));
      }
      for (const w of waiters) w();
    });
    socket.on('close', () => {
      isClosed = true;
      for (const w of waiters) w();
    });
    let connected = false;
    // After the connection, a reset (e.g. the server dropping a flooding peer) is expected: `closed` tells.
    socket.on('error', (err) => {
      if (!connected) reject(err);
    });
    const waitFor = (pattern: RegExp, timeoutMs = 10_000) =>
      new Promise<string>((res, rej) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const text = lines[seen]?.toString('utf8') ?? '';
            if (pattern.test(text)) {
              done();
              res(text);
              return;
            }
          }
          if (isClosed) {
            done();
            rej(new Error(`${nick}: connection closed before ${pattern}; received:\n${lines.map(String).join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          rej(new Error(`${nick}: timed out waiting for ${pattern}; received:\n${lines.map(String).slice(-30).join('\n')}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    socket.once('connect', () => {
      connected = true;
      const peer: IrcPeer = {
        nick,
        lines,
        closed,
        send: (line) => socket.write(typeof line === 'string' ? `${line}\r\n` : line),
        waitFor,
        messagesFrom: (from, command = 'PRIVMSG') =>
          lines
            .map((l) => l.toString('utf8'))
            .filter((l) => l.startsWith(`:${from}!`) && l.split(' ')[1] === command)
            .map((l) => l.slice(l.indexOf(' :', l.indexOf(` ${command} `)) + 2)),
        close: () => socket.destroy(),
      };
      if (options.register === false) {
        resolve(peer);
        return;
      }
      if (options.password) peer.send(`PASS ${options.password}`);
      peer.send(`NICK ${nick}`);
      peer.send(`USER ${nick} 0 * :${nick}`);
      waitFor(/ (376|422) /).then(() => resolve(peer), reject);
    });
  });
}
