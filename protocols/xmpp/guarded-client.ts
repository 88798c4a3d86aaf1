/**
 * RFC 6120 §4 (XML streams) on the receiving side, hardened: xmpp.js's Client
 * with its input path wrapped so that nothing a server sends can throw into the
 * event loop. It decodes UTF-8 across chunk boundaries and reports invalid
 * bytes (§11.6), caps the size of one stanza (§13.12, resource exhaustion),
 * and turns a stanza that makes xmpp.js throw (an empty <stream:error/>, a
 * `from` that is no JID) into a `dropped` report instead of a crash.
 */
import { Client } from '@xmpp/client-core';
import type { XmppSocket } from '@xmpp/connection';
import type { Element } from '@xmpp/xml';
import { parseJid } from './jid';
import { Utf8StreamDecoder } from './utf8-stream';

/**
 * The largest stanza we accept, in characters. Servers commonly stop stanzas
 * at 256 KiB (Prosody's default, ejabberd's example config); 1 Mi leaves room
 * for generous servers while keeping a hostile one from filling our memory.
 */
export const MAX_STANZA_CHARS = 1024 * 1024;
/** Bytes without one complete stanza after which the stream is given up. */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;

export interface GuardHooks {
  dropped(reason: string): void;
}

/** Deeper nesting than any stanza we understand needs; deeper is refused (and never recursed into). */
export const MAX_DEPTH = 32;

/**
 * Characters in an element and its nesting depth, counted without serializing
 * it and without recursion (a hostile stanza may nest 100 000 levels); stops
 * once either limit is passed.
 */
export function measureElement(element: Element, maxSize = MAX_STANZA_CHARS, maxDepth = MAX_DEPTH): { size: number; depth: number } {
  let size = 0;
  let depth = 0;
  const stack: Array<{ node: Element; depth: number }> = [{ node: element, depth: 1 }];
  while (stack.length > 0 && size <= maxSize && depth <= maxDepth) {
    const { node, depth: d } = stack.pop() as { node: Element; depth: number };
    depth = Math.max(depth, d);
    size += node.name.length * 2 + 5;
    for (const [key, value] of Object.entries(node.attrs)) size += key.length + (value?.length ?? 0) + 4;
    for (const child of node.children) {
      if (typeof child === 'string') size += child.length;
      else stack.push({ node: child, depth: d + 1 });
    }
  }
  return { size, depth };
}

/** Why a stanza cannot be passed on as it is, or undefined when it can. */
export function refusal(element: Element, isJid: (text: string) => boolean): string | undefined {
  const { size, depth } = measureElement(element);
  if (size > MAX_STANZA_CHARS) return `larger than ${MAX_STANZA_CHARS / 1024} KiB`;
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  for (const attr of ['from', 'to'] as const) {
    const value = element.attrs[attr];
    if (value !== undefined && !isJid(value)) return `with an invalid '${attr}' address`;
  }
  return undefined;
}

function describe(element: Element): string {
  const from = element.attrs.from;
  return from && from.length < 200 ? `<${element.name}> from ${from}` : `<${element.name}>`;
}

export class GuardedClient extends Client {
  guard: GuardHooks = { dropped: () => undefined };
  private readonly decoder = new Utf8StreamDecoder();
  private pendingBytes = 0;

  override _attachSocket(socket: XmppSocket): void {
    // A new socket (connect, or the TLS layer after STARTTLS) starts a new byte stream.
    this.decoder.reset();
    this.pendingBytes = 0;
    super._attachSocket(socket);
  }

  override _onData(data: Buffer | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > MAX_PENDING_BYTES) {
      this.guard.dropped(`The server sent more than ${MAX_PENDING_BYTES / 1024 / 1024} MiB without finishing a stanza; the connection was closed.`);
      this.abandon(new Error('stanza too large'));
      return;
    }
    const { text, invalid } = this.decoder.decode(bytes);
    if (invalid) this.guard.dropped('The server sent bytes that are not UTF-8; they were replaced by U+FFFD.');
    if (!this.parser) return;
    try {
      this.parser.write(text);
    } catch (err) {
      // ltx throws on an unknown entity such as &foo; (XML allows only five).
      this.guard.dropped(`The server sent malformed XML (${err instanceof Error ? err.message : String(err)}); the connection was closed.`);
      this.abandon(err);
    }
  }

  override _onElement(element: Element): void {
    this.pendingBytes = 0;
    try {
      const why = refusal(element, (text) => parseJid(text) !== undefined);
      if (why) {
        this.guard.dropped(`A stanza ${describe(element)} ${why} was dropped.`);
        // Still passed on, emptied and unaddressed: stream management must count
        // it as handled (XEP-0198 §4), and nothing else will act on it.
        element.children = [];
        delete element.attrs.from;
        delete element.attrs.to;
      }
      super._onElement(element);
    } catch (err) {
      this.guard.dropped(`A stanza ${describe(element)} could not be handled (${err instanceof Error ? err.message : String(err)}) and was dropped.`);
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
