/**
 * A raw XMPP client for the tests: a socket, a stream, SASL PLAIN on loopback
 * and resource binding written by hand, so that a test sees the exact stanzas
 * the server delivered (no library in between) and can send what no correct
 * client would.
 */
import { connect, type Socket } from 'node:net';

export interface RawXmpp {
  /** Everything received so far, as text. */
  readonly received: () => string;
  readonly jid: string;
  send(data: string | Buffer): void;
  /** Resolves with the first match in what arrived after `from` (a length of received()). */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpExecArray>;
  close(): void;
}

const header = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

export async function rawLogin(
  host: string,
  port: number,
  domain: string,
  user: string,
  password: string,
  resource = 'raw',
): Promise<RawXmpp> {
  const socket: Socket = connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  let text = '';
  const decoder = new TextDecoder();
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    text += decoder.decode(chunk, { stream: true });
    for (const w of [...waiters]) w();
  });
  let closed = false;
  socket.on('close', () => {
    closed = true;
    for (const w of [...waiters]) w();
  });
  const waitFor = (pattern: RegExp, timeoutMs = 10_000, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text.slice(from));
        if (match) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(match);
        } else if (closed) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`closed before ${pattern}; received:\n${text.slice(-3000)}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${pattern}; received:\n${text.slice(-3000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const send = (data: string | Buffer) => socket.write(data);
  send(header(domain));
  await waitFor(/<\/stream:features>/);
  send(
    `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0${user}\0${password}`).toString('base64')}</auth>`,
  );
  await waitFor(/<success/);
  let mark = text.length;
  send(header(domain));
  await waitFor(/<\/stream:features>/, 10_000, mark);
  mark = text.length;
  send(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`,
  );
  const bound = await waitFor(/<jid>([^<]+)<\/jid>/, 10_000, mark);
  return {
    received: () => text,
    jid: bound[1] ?? '',
    send,
    waitFor,
    close: () => socket.destroy(),
  };
}
