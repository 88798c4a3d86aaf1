/**
 * OTRv4 fragmentation ("Fragmentation": "Transmitting Fragments", "Receiving
 * Fragments"): `?OTR|identifier|sender|receiver,index,total,piece,`, where the
 * identifier is a random 4-byte value per fragmented message, so that fragments of
 * several messages, arriving in any order, are never mixed.
 *
 * Reassembly is bounded as OTRv3's is (otr/wire/fragments.ts, whose limits and shared
 * FragmentBudget it takes): a cap on a message's size, on the senders and on the
 * partial messages per sender held at once, an idle expiry, and the budget shared by
 * every reassembler of the process.
 */
import type { Random } from '../../crypto/env';
import {
  DEFAULT_REASSEMBLY_LIMITS,
  FragmentBudget,
  type ReassemblyLimits,
  type ReassemblyResult,
} from '../../wire/fragments';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const dec5 = (n: number) => n.toString().padStart(5, '0');

/** Characters a fragment adds around its piece, with the widths of the spec's example. */
export const V4_FRAGMENT_OVERHEAD = '?OTR|00000000|00000000|00000000,00000,00000,,'.length;

/** "a unique randomly generated 4-byte value". */
export function newFragmentIdentifier(random: Random): number {
  return new DataView(random.bytes(4).buffer).getUint32(0);
}

/**
 * Splits an encoded message (`?OTR:….`) into fragments of at most `maxChars`
 * characters, or returns it whole when it fits.
 */
export function fragmentV4Message(
  message: string,
  maxChars: number,
  identifier: number,
  senderTag: number,
  receiverTag: number,
): string[] {
  if (message.length <= maxChars) return [message];
  const pieceSize = maxChars - V4_FRAGMENT_OVERHEAD;
  if (pieceSize < 1) throw new RangeError(`a transport limit of ${maxChars} characters leaves no room for a fragment`);
  const total = Math.ceil(message.length / pieceSize);
  if (total > 0xffff) throw new RangeError('message too long: it would need more than 65535 fragments');
  const head = `?OTR|${hex8(identifier >>> 0)}|${hex8(senderTag >>> 0)}|${hex8(receiverTag >>> 0)},`;
  const out: string[] = [];
  for (let index = 1; index <= total; index++) {
    out.push(`${head}${dec5(index)},${dec5(total)},${message.slice((index - 1) * pieceSize, index * pieceSize)},`);
  }
  return out;
}

export interface V4Fragment {
  identifier: number;
  senderTag: number;
  receiverTag: number;
  index: number;
  total: number;
  piece: string;
}

// Leading zeros are allowed ("may have leading zeros"), within a bound so that no input is read twice over.
const V4 = /^\?OTR\|([0-9a-fA-F]{1,16})\|([0-9a-fA-F]{1,16})\|([0-9a-fA-F]{1,16}),(\d{1,10}),(\d{1,10}),([^,]+),/;

/** A v4 fragment's fields, or undefined when `raw` is not one (an OTRv3 fragment has one field fewer). */
export function parseV4Fragment(raw: string): V4Fragment | undefined {
  const m = V4.exec(raw);
  if (!m) return undefined;
  const [identifier, senderTag, receiverTag] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16)) as [
    number,
    number,
    number,
  ];
  const index = Number(m[4]);
  const total = Number(m[5]);
  if ([identifier, senderTag, receiverTag].some((v) => v > 0xffffffff) || index > 0xffff || total > 0xffff)
    return undefined;
  return { identifier, senderTag, receiverTag, index, total, piece: m[6] as string };
}

export interface V4ReassemblyLimits extends ReassemblyLimits {
  /** Partial messages one sender may have at once; its oldest is dropped beyond it. */
  maxPartialsPerSender: number;
}

export const DEFAULT_V4_REASSEMBLY_LIMITS: V4ReassemblyLimits = {
  ...DEFAULT_REASSEMBLY_LIMITS,
  maxPartialsPerSender: 4,
};

interface Partial {
  readonly senderTag: number;
  readonly total: number;
  /** Pieces by index: only those that came, however large `total` claims to be. */
  readonly pieces: Map<number, string>;
  chars: number;
  lastAt: number;
}

export class V4FragmentReassembler {
  /** Keyed by sender and identifier; kept in least-recently-used order for the bounds. */
  private readonly partials = new Map<string, Partial>();

  constructor(
    private readonly limits: V4ReassemblyLimits = DEFAULT_V4_REASSEMBLY_LIMITS,
    private readonly budget: FragmentBudget = new FragmentBudget(),
  ) {}

  /** Adds one fragment, already checked to be addressed to us; `now` in milliseconds. */
  add(f: V4Fragment, now: number): ReassemblyResult {
    this.expire(now);
    if (f.index === 0 || f.total === 0 || f.index > f.total)
      return { status: 'discarded', reason: `an illegal fragment (${f.index} of ${f.total})` };
    // Every piece holds at least one character.
    if (f.total > this.limits.maxMessageChars)
      return { status: 'discarded', reason: `a fragmented message over ${this.limits.maxMessageChars} characters` };
    const key = `${f.senderTag}:${f.identifier}`;
    let partial = this.partials.get(key);
    if (partial && partial.total !== f.total) {
      this.drop(key);
      return { status: 'discarded', reason: `fragments of one message disagree on their count` };
    }
    if (partial?.pieces.has(f.index)) return { status: 'discarded', reason: `fragment ${f.index} came twice` };
    if (!partial) {
      partial = { senderTag: f.senderTag, total: f.total, pieces: new Map(), chars: 0, lastAt: now };
      this.makeRoomFor(f.senderTag);
    }
    this.drop(key);
    if (partial.chars + f.piece.length > this.limits.maxMessageChars)
      return { status: 'discarded', reason: `a fragmented message over ${this.limits.maxMessageChars} characters` };
    partial.pieces.set(f.index, f.piece);
    partial.chars += f.piece.length;
    partial.lastAt = now;
    if (partial.pieces.size === partial.total) {
      let message = '';
      for (let index = 1; index <= partial.total; index++) message += partial.pieces.get(index) as string;
      return { status: 'complete', message };
    }
    if (this.budget.held + partial.chars > this.budget.maxChars) {
      return {
        status: 'discarded',
        reason: `a fragmented message: ${this.budget.maxChars} characters of fragments are already waiting`,
      };
    }
    // Inserting last keeps the map in least-recently-used order.
    this.partials.set(key, partial);
    this.budget.held += partial.chars;
    return { status: 'incomplete' };
  }

  /** Drops partial messages idle for longer than the limit: on every fragment, and from the host's tick(). */
  expire(now: number): void {
    for (const [key, p] of this.partials) if (now - p.lastAt > this.limits.maxAgeMs) this.drop(key);
  }

  /** Forgets every partial message (the conversation is discarded). */
  clear(): void {
    for (const key of [...this.partials.keys()]) this.drop(key);
  }

  /** Characters held in partial messages: what the bounds keep small. */
  get heldChars(): number {
    let total = 0;
    for (const p of this.partials.values()) total += p.chars;
    return total;
  }

  get partialCount(): number {
    return this.partials.size;
  }

  /** Before a new partial message: at most maxPartialsPerSender per sender, maxSenders senders; the least recently used go. */
  private makeRoomFor(senderTag: number): void {
    const ofSender = [...this.partials].filter(([, p]) => p.senderTag === senderTag).map(([key]) => key);
    while (ofSender.length >= this.limits.maxPartialsPerSender) this.drop(ofSender.shift() as string);
    if (ofSender.length > 0) return;
    for (;;) {
      const senders = [...new Set([...this.partials.values()].map((p) => p.senderTag))];
      if (senders.length < this.limits.maxSenders) return;
      for (const [key, p] of [...this.partials]) if (p.senderTag === senders[0]) this.drop(key);
    }
  }

  private drop(key: string): void {
    const p = this.partials.get(key);
    if (!p) return;
    this.partials.delete(key);
    this.budget.held -= p.chars;
  }
}
