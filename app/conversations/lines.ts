/**
 * The lines of conversations as the core keeps them and the front ends show
 * them: what was said, by whom, whether it was private, and the system lines
 * about the conversation itself (Pidgin's "Private conversation started").
 */
export type LineDirection = 'in' | 'out' | 'system';
export type LineStatus = 'sent' | 'queued' | 'failed' | 'refused';

export interface ConversationLine {
  id: number;
  time: number;
  direction: LineDirection;
  text: string;
  /** It travelled inside OTR (system lines: they tell what did, such as an SMP question). */
  encrypted: boolean;
  /** The buddy's fingerprint was verified when it travelled. */
  verified: boolean;
  /** The key of the buddy's login it travelled to or from, when encrypted (40 hex digits). */
  fingerprint?: string;
  /** Outgoing lines only. */
  status?: LineStatus;
  /** Group chats: who said it. */
  nick?: string;
  /** System lines: how loud the front end should be about it. */
  level?: 'info' | 'warning' | 'error';
}

/** Lines per conversation, bounded: the oldest fall away past `limit`. */
export class ConversationHistory {
  private readonly lines = new Map<string, ConversationLine[]>();
  private nextId = 1;

  constructor(private readonly limit = 10_000) {}

  /** An id for a line added later (a message of the user's carries it through OTR first). */
  reserveId(): number {
    return this.nextId++;
  }

  add(key: string, line: Omit<ConversationLine, 'id'> & { id?: number }): ConversationLine {
    const full = { ...line, id: line.id ?? this.nextId++ };
    let list = this.lines.get(key);
    if (!list) this.lines.set(key, (list = []));
    list.push(full);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    return full;
  }

  update(
    key: string,
    id: number,
    change: Partial<Pick<ConversationLine, 'status' | 'encrypted' | 'verified' | 'fingerprint'>>,
  ): ConversationLine | undefined {
    const line = this.lines.get(key)?.find((l) => l.id === id);
    if (line) Object.assign(line, change);
    return line;
  }

  list(key: string, options: { before?: number; limit?: number } = {}): ConversationLine[] {
    const all = this.lines.get(key) ?? [];
    const upTo = options.before === undefined ? all.length : all.findIndex((l) => l.id >= options.before!);
    const end = upTo < 0 ? all.length : upTo;
    return all.slice(Math.max(0, end - (options.limit ?? 200)), end);
  }

  keys(): string[] {
    return [...this.lines.keys()];
  }

  forget(key: string): void {
    this.lines.delete(key);
  }
}
