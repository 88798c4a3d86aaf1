/**
 * A scripted IRC server for what a real ngIRCd cannot be made to do in a test:
 * SASL PLAIN (ngIRCd 26 has no SASL) and hostile input (a 10 MB line, invalid
 * UTF-8, malformed lines, floods), and for seeing the exact lines a client
 * writes. It registers a client with the least RFC 2812 and IRCv3 CAP/SASL
 * take, answers PING, records every line, and otherwise sends what the test
 * tells it to. Loopback only, a free port.
 */
import { createServer, type Socket } from 'node:net';
import { LOOPBACK } from './process';

export interface FakeIrcdOptions {
  /** Offer SASL PLAIN and accept exactly this account and password. */
  sasl?: { account: string; password: string };
  serverName?: string;
  /** false: a welcome without our nick!user@host, as some servers send (then WHOIS tells). */
  welcomeMask?: boolean;
  /** The host the server shows for the client. */
  clientHost?: string;
}

export interface FakeIrcd {
  host: string;
  port: number;
  /** Every line clients sent, in order, as text without CR LF. */
  received: string[];
  /** Resolves with the first received line matching, waiting for it if needed. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes raw data to every registered client. */
  send(data: string | Buffer): void;
  /** Resolves once a client has been sent the end of the MOTD. */
  registered(): Promise<void>;
  /** Closes every client connection (the server keeps listening). */
  dropClients(): void;
  close(): Promise<void>;
}

export async function startFakeIrcd(options: FakeIrcdOptions = {}): Promise<FakeIrcd> {
  const name = options.serverName ?? 'fake.sotto.test';
  const host = options.clientHost ?? 'fake.host';
  const received: string[] = [];
  const waiters = new Set<() => void>();
  const clients = new Set<Socket>();
  const sockets = new Set<Socket>();
  let onRegistered: (() => void)[] = [];

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      clients.delete(socket);
    });
    socket.on('error', () => undefined);
    let buffer = '';
    let nick = '*';
    let user = '';
    let capping = false;
    let done = false;
    const write = (line: string) => socket.write(`${line}\r\n`);
    const maybeWelcome = () => {
      if (done || capping || nick === '*' || !user) return;
      done = true;
      write(
        `:${name} 001 ${nick} :Welcome to the Fake Network${options.welcomeMask === false ? '' : ` ${nick}!~${user}@${host}`}`,
      );
      write(`:${name} 005 ${nick} CASEMAPPING=rfc1459 CHANTYPES=# NICKLEN=20 :are supported by this server`);
      write(`:${name} 376 ${nick} :End of MOTD`);
      clients.add(socket);
      const callbacks = onRegistered;
      onRegistered = [];
      for (const cb of callbacks) cb();
    };
    const handle = (line: string) => {
      received.push(line);
      for (const w of waiters) w();
      const [command = '', ...args] = line.split(' ');
      const trailing = line.includes(' :') ? line.slice(line.indexOf(' :') + 2) : (args[args.length - 1] ?? '');
      switch (command.toUpperCase()) {
        case 'CAP':
          if (args[0] === 'LS') {
            capping = true;
            write(`:${name} CAP * LS :${options.sasl ? 'sasl=PLAIN' : ''}`);
          } else if (args[0] === 'REQ') {
            const wanted = trailing.split(' ').filter(Boolean);
            const ok = options.sasl && wanted.includes('sasl');
            write(`:${name} CAP * ${ok ? 'ACK' : 'NAK'} :${ok ? 'sasl' : wanted.join(' ')}`);
          } else if (args[0] === 'END') {
            capping = false;
            maybeWelcome();
          }
          break;
        case 'AUTHENTICATE':
          if (args[0] === 'PLAIN') {
            write('AUTHENTICATE +');
          } else {
            const [, account, password] = Buffer.from(args[0] ?? '', 'base64')
              .toString('utf8')
              .split('\0');
            if (options.sasl && account === options.sasl.account && password === options.sasl.password) {
              write(
                `:${name} 900 ${nick} ${nick}!~${user || 'u'}@${host} ${account} :You are now logged in as ${account}`,
              );
              write(`:${name} 903 ${nick} :SASL authentication successful`);
            } else {
              write(`:${name} 904 ${nick} :SASL authentication failed`);
            }
          }
          break;
        case 'NICK':
          nick = args[0] ?? '*';
          maybeWelcome();
          break;
        case 'USER':
          user = args[0] ?? 'u';
          maybeWelcome();
          break;
        case 'WHOIS':
          if (args[0] === nick) write(`:${name} 311 ${nick} ${nick} ~${user} ${host} * :${nick}`);
          write(`:${name} 318 ${nick} ${args[0] ?? ''} :End of WHOIS list`);
          break;
        case 'PING':
          write(`:${name} PONG ${name} :${trailing}`);
          break;
        case 'QUIT':
          socket.end(`ERROR :Closing link (${trailing})\r\n`);
          break;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let lf: number;
      while ((lf = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, lf).replace(/\r$/, '');
        buffer = buffer.slice(lf + 1);
        if (line) handle(line);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    host: LOOPBACK,
    port,
    received,
    waitForLine: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < received.length; seen++) {
            const line = received[seen] ?? '';
            if (pattern.test(line)) {
              finish();
              resolve(line);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `fake ircd: no line matching ${pattern} in ${timeoutMs} ms; received:\n${received.slice(-20).join('\n')}`,
            ),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    send: (data) => {
      for (const socket of clients) socket.write(data);
    },
    dropClients: () => {
      for (const socket of sockets) socket.end();
    },
    registered: () =>
      clients.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => onRegistered.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
