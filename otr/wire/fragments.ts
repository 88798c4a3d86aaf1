/**
 * Fragmentation (Protocol-v3, "Fragmentation"): splitting an encoded message to
 * the transport's size, and reassembling incoming fragments with bounds on the
 * total size, the number of senders tracked and the age of a partial message,
 * so that a flood of fragments cannot exhaust memory (libotr's CVE-2016-2851
 * was an integer overflow reached by reassembling gigabytes of fragments).
 */
import type { ProtocolVersion } from './messages';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const dec5 = (n: number) => n.toString().padStart(5, '0');

/** Characters a fragment adds around its piece, as libotr formats it. */
export function fragmentOverhead(version: ProtocolVersion): number {
  return version === 3 ? '?OTR|00000000|00000000,00000,00000,,'.length : '?OTR,00000,00000,,'.length;
}

/**
 * Splits an encoded message (`?OTR:….`, ASCII) into fragments of at most
 * `maxBytes` characters each, or returns it whole when it fits.
 */
export function fragmentMessage(message: string, maxBytes: number, version: ProtocolVersion, senderTag: number, receiverTag: number): string[] {
  if (message.length <= maxBytes) return [message];
  const pieceSize = maxBytes - fragmentOverhead(version);
  if (pieceSize < 1) throw new RangeError(`a transport limit of ${maxBytes} bytes leaves no room for a fragment`);
  const count = Math.ceil(message.length / pieceSize);
  if (count > 65535) throw new RangeError('message too long: it would need more than 65535 fragments');
  const out: string[] = [];
  for (let k = 1; k <= count; k++) {
    const piece = message.slice((k - 1) * pieceSize, k * pieceSize);
    const head = version === 3 ? `?OTR|${hex8(senderTag)}|${hex8(receiverTag)},` : '?OTR,';
    out.push(`${head}${dec5(k)},${dec5(count)},${piece},`);
  }
  return out;
}

export interface ParsedFragment {
  version: ProtocolVersion;
  senderTag: number;
  receiverTag: number;
  k: number;
  n: number;
  piece: string;
}

const V3 = /^\?OTR\|([0-9a-fA-F]{1,8})\|([0-9a-fA-F]{1,8}),(\d{1,5}),(\d{1,5}),([^,]+),/;
const V2 = /^\?OTR,(\d{1,5}),(\d{1,5}),([^,]+),/;

export function parseFragment(raw: string): ParsedFragment | undefined {
  const m3 = V3.exec(raw);
  if (m3) {
    return { version: 3, senderTag: parseInt(m3[1]!, 16), receiverTag: parseInt(m3[2]!, 16), k: Number(m3[3]), n: Number(m3[4]), piece: m3[5]! };
  }
  const m2 = V2.exec(raw);
  if (m2) return { version: 2, senderTag: 0, receiverTag: 0, k: Number(m2[1]), n: Number(m2[2]), piece: m2[3]! };
  return undefined;
}

export interface ReassemblyLimits {
  /** Largest reassembled message, in characters. */
  maxMessageChars: number;
  /** A partial message older than this (since its last fragment) is dropped. */
  maxAgeMs: number;
  /** Senders (instance tags) with a partial message at once; the oldest is dropped beyond it. */
  maxSenders: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = { maxMessageChars: 4 * 1024 * 1024, maxAgeMs: 120_000, maxSenders: 16 };

export type ReassemblyResult =
  | { status: 'incomplete' }
  | { status: 'complete'; message: string }
  | { status: 'discarded'; reason: string };

interface Partial {
  k: number;
  n: number;
  pieces: string[];
  chars: number;
  lastAt: number;
}

export class FragmentReassembler {
  private readonly partials = new Map<number, Partial>();

  constructor(private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS) {}

  /** Adds one fragment (already checked to be addressed to us); `now` in milliseconds. */
  add(f: ParsedFragment, now: number): ReassemblyResult {
    this.expire(now);
    if (f.k === 0 || f.n === 0 || f.k > f.n) return { status: 'discarded', reason: `an illegal fragment (${f.k} of ${f.n})` };
    const key = f.senderTag;
    let partial = this.partials.get(key);
    if (f.k === 1) {
      partial = { k: 1, n: f.n, pieces: [f.piece], chars: f.piece.length, lastAt: now };
    } else if (partial && f.n === partial.n && f.k === partial.k + 1) {
      partial.k = f.k;
      partial.pieces.push(f.piece);
      partial.chars += f.piece.length;
      partial.lastAt = now;
    } else {
      this.partials.delete(key);
      return { status: 'discarded', reason: `a fragment out of order (${f.k} of ${f.n})` };
    }
    if (partial.chars > this.limits.maxMessageChars) {
      this.partials.delete(key);
      return { status: 'discarded', reason: `a fragmented message over ${this.limits.maxMessageChars} characters` };
    }
    // Re-inserting keeps the map in least-recently-used order for the sender bound.
    this.partials.delete(key);
    if (partial.k === partial.n) return { status: 'complete', message: partial.pieces.join('') };
    this.partials.set(key, partial);
    while (this.partials.size > this.limits.maxSenders) {
      const oldest = this.partials.keys().next().value as number;
      this.partials.delete(oldest);
    }
    return { status: 'incomplete' };
  }

  /** An unfragmented message from this sender (or, with no tag, from anyone) ends any partial one. */
  reset(senderTag?: number): void {
    if (senderTag === undefined) this.partials.clear();
    else this.partials.delete(senderTag);
  }

  /** Characters held in partial messages: what the bounds keep small. */
  get heldChars(): number {
    let total = 0;
    for (const p of this.partials.values()) total += p.chars;
    return total;
  }

  private expire(now: number): void {
    for (const [key, p] of this.partials) if (now - p.lastAt > this.limits.maxAgeMs) this.partials.delete(key);
  }
}
