/** A raw TCP client for smoke tests: write text, wait until the accumulated reply matches. */
import { connect, type Socket } from 'node:net';

export interface RawClient {
  write(text: string): void;
  /** Resolves with everything received so far once it matches; rejects on timeout or close. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
}

export function rawConnect(host: string, port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    let received = '';
    let closed = false;
    const waiters = new Set<() => void>();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      for (const w of waiters) w();
    });
    socket.on('close', () => {
      closed = true;
      for (const w of waiters) w();
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        write: (text) => socket.write(text),
        close: () => socket.destroy(),
        waitFor: (pattern, timeoutMs = 5000) =>
          new Promise((res, rej) => {
            const check = () => {
              if (pattern.test(received)) {
                waiters.delete(check);
                clearTimeout(timer);
                res(received);
              } else if (closed) {
                waiters.delete(check);
                clearTimeout(timer);
                rej(new Error(`connection closed before ${pattern}; received:\n${received}`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              rej(new Error(`timed out waiting for ${pattern}; received:\n${received}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
      }),
    );
  });
}
