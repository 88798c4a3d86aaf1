/**
 * RFC 6120 §4 (XML streams) on the receiving side, hardened: xmpp.js's Client
 * with its input path wrapped so that nothing a server sends can throw into the
 * event loop. It decodes UTF-8 across chunk boundaries and reports invalid
 * bytes (§11.6), cuts the stream into stanzas before parsing and replaces one
 * over the size limit by an empty one (§13.12, stanza-splitter.ts), closes the
 * stream over anything else that large (a header, a comment), refuses
 * absurd nesting and invalid addresses, and turns a stanza that makes xmpp.js
 * throw (an empty <stream:error/>, say) into a `dropped` report, not a crash.
 */
import { Client } from '@xmpp/client-core';
import type { XmppSocket } from '@xmpp/connection';
import type { Element } from '@xmpp/xml';
import type { LookupFunction } from 'node:net';
import { errorText } from '../common/error-text';
import { parseJid } from './jid';
import { StanzaSplitter } from './stanza-splitter';
import { Utf8StreamDecoder } from './utf8-stream';

/**
 * The largest stanza we accept, in characters. Servers commonly stop stanzas
 * at 256 KiB (Prosody's default, ejabberd's example config); 1 Mi leaves room
 * for generous servers while keeping a hostile one from filling our memory.
 */
export const MAX_STANZA_CHARS = 1024 * 1024;
/** Deeper nesting than any stanza we understand needs; deeper is refused. */
export const MAX_DEPTH = 32;

export interface GuardHooks {
  dropped(reason: string): void;
}

/** The nesting depth of an element, found without recursion (a hostile stanza may nest 100 000 levels). */
export function depthOf(element: Element, max = MAX_DEPTH): number {
  let deepest = 0;
  const stack: Array<[Element, number]> = [[element, 1]];
  while (stack.length > 0 && deepest <= max) {
    const [node, depth] = stack.pop() as [Element, number];
    deepest = Math.max(deepest, depth);
    for (const child of node.children) if (typeof child !== 'string') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Why a stanza cannot be passed on as it is, or undefined when it can. */
export function refusal(element: Element): string | undefined {
  if (depthOf(element) > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  for (const attr of ['from', 'to'] as const) {
    const value = element.attrs[attr];
    if (value !== undefined && !parseJid(value)) return `with an invalid '${attr}' address`;
  }
  return undefined;
}

function describe(element: Element): string {
  const from = element.attrs.from;
  return from && from.length < 200 ? `<${element.name}> from ${from}` : `<${element.name}>`;
}

const NS_SM = 'urn:xmpp:sm:3';

export class GuardedClient extends Client {
  guard: GuardHooks = { dropped: () => undefined };
  /**
   * XEP-0198 §4 'h': stanzas received since <enabled/>, counted here, in stream
   * order, as each arrives. xmpp.js counts in its middleware instead, which
   * misses the iq results its iq caller consumes (they never reach the counter)
   * and resets the count a promise tick after <enabled/>, forgetting stanzas
   * that came in the same packet; Prosody then sees 'h' go backwards and
   * closes the stream. connection.ts makes xmpp.js read this count.
   */
  inboundStanzas = 0;
  /** When set, how the socket resolves the server's name (a check that it stays on this machine). */
  lookup: LookupFunction | undefined;
  private readonly decoder = new Utf8StreamDecoder();
  private splitter = this.newSplitter();
  /** Set while the empty stand-in of an oversized stanza goes through the parser. */
  private oversized: { size: number } | undefined;

  private newSplitter(): StanzaSplitter {
    return new StanzaSplitter(MAX_STANZA_CHARS, {
      write: (text) => this.parse(text),
      oversized: (_name, size) => {
        this.oversized = { size };
      },
      tooLarge: (what, size) => {
        const why = `The server sent ${what} larger than ${MAX_STANZA_CHARS / 1024} KiB (${Math.ceil(size / 1024)} KiB so far); the connection was closed.`;
        this.guard.dropped(why);
        this.abandon(new Error(why));
      },
    });
  }

  override socketParameters(service: string): Record<string, unknown> | undefined {
    const params = super.socketParameters(service);
    return params && this.lookup ? { ...params, lookup: this.lookup } : params;
  }

  override _attachSocket(socket: XmppSocket): void {
    // A new socket (connect, or the TLS layer after STARTTLS) starts a new byte stream.
    this.decoder.reset();
    super._attachSocket(socket);
  }

  override _attachParser(parser: unknown): void {
    // A new parser means a new stream (after TLS or SASL, RFC 6120 §4.3.3).
    this.splitter = this.newSplitter();
    super._attachParser(parser);
  }

  override _onData(data: Buffer | string): void {
    const { text, invalid } = this.decoder.decode(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (invalid) this.guard.dropped('The server sent bytes that are not UTF-8; they were replaced by U+FFFD.');
    this.splitter.write(text);
  }

  private parse(text: string): void {
    if (!this.parser) return;
    try {
      this.parser.write(text);
    } catch (err) {
      // ltx throws on an unknown entity such as &foo; (XML allows only five).
      this.guard.dropped(`The server sent malformed XML (${errorText(err)}); the connection was closed.`);
      this.abandon(err);
    } finally {
      this.oversized = undefined;
    }
  }

  override _onElement(element: Element): void {
    if (element.is('enabled', NS_SM)) this.inboundStanzas = 0;
    else if (element.name === 'message' || element.name === 'presence' || element.name === 'iq')
      this.inboundStanzas += 1;
    try {
      const why = this.oversized
        ? `larger than ${MAX_STANZA_CHARS / 1024} KiB (${Math.ceil(this.oversized.size / 1024)} KiB)`
        : refusal(element);
      if (why) {
        this.guard.dropped(`A stanza ${describe(element)} ${why} was dropped.`);
        // Still passed on, emptied and unaddressed: stream management must count
        // it as handled (XEP-0198 §4), and nothing else will act on it.
        element.children = [];
        if (!this.oversized) {
          delete element.attrs.from;
          delete element.attrs.to;
        }
      }
      super._onElement(element);
    } catch (err) {
      this.guard.dropped(`A stanza ${describe(element)} could not be handled (${errorText(err)}) and was dropped.`);
    }
  }

  /** Closes the socket at once: the stream cannot be trusted any more. */
  abandon(reason: unknown): void {
    this.emit('error', reason instanceof Error ? reason : new Error(String(reason)));
    const socket = this.socket as (XmppSocket & { destroy?: () => void }) | null;
    this.parser = null;
    socket?.destroy?.();
  }
}
