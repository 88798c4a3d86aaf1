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
export function fragmentMessage(
  message: string,
  maxBytes: number,
  version: ProtocolVersion,
  senderTag: number,
  receiverTag: number,
): string[] {
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
    return {
      version: 3,
      senderTag: parseInt(m3[1]!, 16),
      receiverTag: parseInt(m3[2]!, 16),
      k: Number(m3[3]),
      n: Number(m3[4]),
      piece: m3[5]!,
    };
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

/**
 * 1 MiB: a message of the longest text Sotto sends (100,000 characters, each up
 * to 4 bytes of UTF-8) is about 540 KiB once encrypted and base64-encoded.
 */
export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxMessageChars: 1024 * 1024,
  maxAgeMs: 120_000,
  maxSenders: 16,
};

/**
 * Characters held in partial messages by every reassembler that shares it (all
 * conversations of a process): per-conversation bounds alone would let many
 * buddies, or many forged nicks, add up to any amount.
 */
export class FragmentBudget {
  held = 0;

  constructor(readonly maxChars = 16 * 1024 * 1024) {}
}

export type ReassemblyResult =
  { status: 'incomplete' } | { status: 'complete'; message: string } | { status: 'discarded'; reason: string };

interface Partial {
  k: number;
  n: number;
  pieces: string[];
  chars: number;
  lastAt: number;
}

export class FragmentReassembler {
  private readonly partials = new Map<number, Partial>();

  constructor(
    private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS,
    private readonly budget: FragmentBudget = new FragmentBudget(),
  ) {}

  /** Adds one fragment (already checked to be addressed to us); `now` in milliseconds. */
  add(f: ParsedFragment, now: number): ReassemblyResult {
    this.expire(now);
    if (f.k === 0 || f.n === 0 || f.k > f.n)
      return { status: 'discarded', reason: `an illegal fragment (${f.k} of ${f.n})` };
    const key = f.senderTag;
    const partial = this.partials.get(key);
    let next: Partial;
    if (f.k === 1) {
      this.drop(key);
      next = { k: 1, n: f.n, pieces: [f.piece], chars: f.piece.length, lastAt: now };
    } else if (partial && f.n === partial.n && f.k === partial.k + 1) {
      this.drop(key);
      next = partial;
      next.k = f.k;
      next.pieces.push(f.piece);
      next.chars += f.piece.length;
      next.lastAt = now;
    } else {
      this.drop(key);
      return { status: 'discarded', reason: `a fragment out of order (${f.k} of ${f.n})` };
    }
    if (next.chars > this.limits.maxMessageChars)
      return { status: 'discarded', reason: `a fragmented message over ${this.limits.maxMessageChars} characters` };
    if (next.k === next.n) return { status: 'complete', message: next.pieces.join('') };
    if (this.budget.held + next.chars > this.budget.maxChars) {
      return {
        status: 'discarded',
        reason: `a fragmented message: ${this.budget.maxChars} characters of fragments are already waiting`,
      };
    }
    // Inserting last keeps the map in least-recently-used order for the sender bound.
    this.partials.set(key, next);
    this.budget.held += next.chars;
    while (this.partials.size > this.limits.maxSenders) this.drop(this.partials.keys().next().value as number);
    return { status: 'incomplete' };
  }

  /** An unfragmented message from this sender (or, with no tag, from anyone) ends any partial one. */
  reset(senderTag?: number): void {
    if (senderTag === undefined) for (const key of [...this.partials.keys()]) this.drop(key);
    else this.drop(senderTag);
  }

  /** Characters held in partial messages: what the bounds keep small. */
  get heldChars(): number {
    let total = 0;
    for (const p of this.partials.values()) total += p.chars;
    return total;
  }

  /** Drops partial messages idle for longer than the limit: on every fragment, and from the host's tick(). */
  expire(now: number): void {
    for (const [key, p] of this.partials) if (now - p.lastAt > this.limits.maxAgeMs) this.drop(key);
  }

  private drop(key: number): void {
    const p = this.partials.get(key);
    if (!p) return;
    this.partials.delete(key);
    this.budget.held -= p.chars;
  }
}
