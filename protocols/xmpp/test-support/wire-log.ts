/**
 * What crossed the wire between one XMPP client and its server, read from the
 * bytes a proxy carries (test-support/watch-proxy.ts): the message bodies the
 * client wrote, those the server delivered to it, and which of the client's
 * messages the server acknowledged to it (XEP-0198 §4: 'h' counts the stanzas
 * the server handled since the client's <enable/>). It proves from outside the
 * adapter that nothing the client knew as acknowledged was written again.
 */
import { StanzaSplitter } from '../stanza-splitter';
import { stanza, type Element } from './stanza';

const NS_SM = 'urn:xmpp:sm:3';
const STANZAS = new Set(['message', 'presence', 'iq']);

/** Cuts one direction of one connection into elements, starting over at each stream header (RFC 6120 §4.3.3). */
class StreamReader {
  private splitter = this.fresh();
  constructor(private readonly onElement: (element: Element) => void) {}

  private fresh(): StanzaSplitter {
    return new StanzaSplitter(16 * 1024 * 1024, {
      write: (text) => {
        const trimmed = text.trimStart();
        if (trimmed.startsWith('<?xml') || trimmed.startsWith('<stream:') || trimmed.startsWith('</stream:')) return;
        this.onElement(stanza(trimmed));
      },
      oversized: () => undefined,
      tooLarge: () => undefined,
    });
  }

  write(text: string): void {
    const restart = text.search(/<\?xml|<stream:stream/);
    if (restart === -1) {
      this.splitter.write(text);
      return;
    }
    this.splitter.write(text.slice(0, restart));
    this.splitter = this.fresh();
    this.splitter.write(text.slice(restart));
  }
}

export class WireLog {
  /** Message bodies the client wrote, in order, with the connection they went on and whether they said when they were first sent (XEP-0203). */
  readonly written: Array<{ body: string; connection: number; delayed: boolean }> = [];
  /** Message bodies the server delivered to the client. */
  readonly delivered: string[] = [];
  /** Bodies the client wrote again after the server had acknowledged them to it. */
  readonly writtenAfterAck: string[] = [];
  private readonly acked = new Set<string>();
  private connections = 0;
  /** The latest connection on which the server's <enabled/> reached the client. */
  private enabledOn = 0;

  /** Stream management is on for the client's latest connection: a resumption would be tried after it. */
  get resumable(): boolean {
    return this.enabledOn === this.connections && this.connections > 0;
  }

  /** One proxied connection: feed it each direction's text. */
  connection(): { fromClient(text: string): void; toClient(text: string): void } {
    const id = ++this.connections;
    // The stanzas the client sent since <enable/> (undefined: not a message with a body).
    let counted: Array<string | undefined> | undefined;
    let ackedUpTo = 0;
    const client = new StreamReader((element) => {
      if (element.is('enable', NS_SM)) {
        counted = [];
        return;
      }
      if (!STANZAS.has(element.name)) return;
      const body = element.name === 'message' ? (element.getChildText('body') ?? undefined) : undefined;
      counted?.push(body);
      if (body === undefined) return;
      this.written.push({ body, connection: id, delayed: element.getChild('delay', 'urn:xmpp:delay') !== undefined });
      if (this.acked.has(body)) this.writtenAfterAck.push(body);
    });
    const server = new StreamReader((element) => {
      if (element.is('enabled', NS_SM)) this.enabledOn = id;
      if (element.is('a', NS_SM) && counted) {
        const h = Number(element.attrs.h);
        for (; ackedUpTo < h && ackedUpTo < counted.length; ackedUpTo++) {
          const body = counted[ackedUpTo];
          if (body !== undefined) this.acked.add(body);
        }
        return;
      }
      const body = element.name === 'message' ? element.getChildText('body') : null;
      if (body !== null) this.delivered.push(body);
    });
    return { fromClient: (text) => client.write(text), toClient: (text) => server.write(text) };
  }

  /** The server acknowledged this message body to the client. */
  isAcked(body: string): boolean {
    return this.acked.has(body);
  }

  /** How many times each body was written by the client. */
  writeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { body } of this.written) counts.set(body, (counts.get(body) ?? 0) + 1);
    return counts;
  }
}
