/**
 * A scripted XMPP server on loopback, for what a real server never sends: it
 * takes any client through stream, SASL (PLAIN, or SCRAM with a server
 * signature that may be wrong on purpose) and resource binding, answers the
 * roster and carbons requests, and then lets the test write raw bytes. Every
 * connection gets the same script, so the adapter can also reconnect to it.
 */
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';

export interface FakeServerOptions {
  mechanisms?: string[];
  starttls?: boolean;
  /** For SCRAM-SHA-1: the password the server pretends to know (a wrong one fails the server's proof). */
  serverPassword?: string;
}

export interface FakeServer {
  port: number;
  domain: string;
  /** Resolves with the socket of the next client that gets online (bound a resource). */
  nextOnline(): Promise<Socket>;
  close(): Promise<void>;
}

const header = (domain: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${domain}' id='s1' version='1.0'>`;

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const domain = 'fake.test';
  const mechanisms = options.mechanisms ?? ['PLAIN'];
  const sockets = new Set<Socket>();
  const onlineWaiters: Array<(s: Socket) => void> = [];

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let authenticated = false;
    let scram: { clientFirstBare: string; serverFirst: string } | undefined;
    const send = (text: string) => socket.write(text);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        let m: RegExpExecArray | null;
        if ((m = /<\/stream:stream>/.exec(buffer))) {
          buffer = '';
          socket.end('</stream:stream>');
          break;
        } else if ((m = /<stream:stream[^>]*>/.exec(buffer))) {
          buffer = buffer.slice(m.index + m[0].length);
          const features = authenticated
            ? `<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>`
            : `<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${mechanisms.map((x) => `<mechanism>${x}</mechanism>`).join('')}</mechanisms>` +
              (options.starttls ? `<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>` : '');
          send(`${header(domain)}<stream:features>${features}</stream:features>`);
        } else if ((m = /<auth [^>]*mechanism="([^"]+)"[^>]*>([^<]*)<\/auth>/.exec(buffer))) {
          buffer = buffer.slice(m.index + m[0].length);
          if (m[1] === 'PLAIN') {
            authenticated = true;
            send(`<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`);
          } else {
            const clientFirstBare = Buffer.from(m[2] ?? '', 'base64')
              .toString('utf8')
              .replace(/^n,,/, '');
            const nonce = /r=([^,]+)/.exec(clientFirstBare)?.[1] ?? '';
            const serverFirst = `r=${nonce}server,s=${Buffer.from('salt-salt').toString('base64')},i=4096`;
            scram = { clientFirstBare, serverFirst };
            send(
              `<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(serverFirst).toString('base64')}</challenge>`,
            );
          }
        } else if ((m = /<response [^>]*>([^<]*)<\/response>/.exec(buffer)) && scram) {
          buffer = buffer.slice(m.index + m[0].length);
          const clientFinal = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
          const withoutProof = clientFinal.replace(/,p=.*$/, '');
          const salted = pbkdf2Sync(options.serverPassword ?? '', 'salt-salt', 4096, 20, 'sha1');
          const serverKey = createHmac('sha1', salted).update('Server Key').digest();
          const signature = createHmac('sha1', serverKey)
            .update(`${scram.clientFirstBare},${scram.serverFirst},${withoutProof}`)
            .digest('base64');
          authenticated = true;
          send(
            `<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(`v=${signature}`).toString('base64')}</success>`,
          );
        } else if (
          (m = /<iq [^>]*id="([^"]+)"[^>]*>\s*<bind[^>]*>(?:<resource>([^<]*)<\/resource>)?[\s\S]*?<\/iq>/.exec(buffer))
        ) {
          buffer = buffer.slice(m.index + m[0].length);
          send(
            `<iq type='result' id='${m[1]}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>user@${domain}/${m[2] ?? 'r'}</jid></bind></iq>`,
          );
          setTimeout(() => onlineWaiters.shift()?.(socket), 50);
        } else if ((m = /<iq [^>]*id="([^"]+)"[^>]*>[\s\S]*?<\/iq>|<iq [^>]*id="([^"]+)"[^>]*\/>/.exec(buffer))) {
          buffer = buffer.slice(m.index + m[0].length);
          const type = /type="([^"]+)"/.exec(m[0])?.[1];
          if (type === 'get' || type === 'set') send(`<iq type='result' id='${m[1] ?? m[2]}'/>`);
        } else break;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    domain,
    nextOnline: () => new Promise((resolve) => onlineWaiters.push(resolve)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
