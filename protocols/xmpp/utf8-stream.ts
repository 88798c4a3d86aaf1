/**
 * RFC 6120 §11.6: an XMPP stream is UTF-8. TCP cuts it anywhere, also inside a
 * character, and xmpp.js decodes each chunk on its own (a character split
 * between two chunks becomes two U+FFFD). This decoder carries the unfinished
 * bytes over to the next chunk, and says when bytes were not UTF-8 at all, so
 * that the adapter can report what it replaced instead of passing it on silently.
 */

export interface DecodedChunk {
  text: string;
  /** Bytes that were not valid UTF-8 and were replaced by U+FFFD. */
  invalid: boolean;
}

/** How many bytes the sequence starting with `lead` has, or 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Where the trailing, possibly unfinished sequence starts (bytes.length when there is none). */
function incompleteTailStart(bytes: Uint8Array): number {
  // A sequence is at most 4 bytes, so only the last 3 can start an unfinished one.
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const i = bytes.length - back;
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = sequenceLength(byte);
    return needed > back ? i : bytes.length;
  }
  return bytes.length;
}

export class Utf8StreamDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  // ignoreBOM: each chunk is decoded on its own, and a U+FEFF that happens to
  // open one is text, not a byte-order mark to strip.
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

  decode(chunk: Uint8Array): DecodedChunk {
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const cut = incompleteTailStart(bytes);
    this.pending = bytes.slice(cut);
    const complete = bytes.subarray(0, cut);
    try {
      return { text: this.strict.decode(complete), invalid: false };
    } catch {
      return { text: this.lenient.decode(complete), invalid: true };
    }
  }

  /** Forgets an unfinished character: a new socket starts a new byte stream. */
  reset(): void {
    this.pending = new Uint8Array(0);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
