/**
 * Messages on their way out, so that none is lost without a word (XEP-0198
 * §4–§5 for what the server has not acknowledged, RFC 6120 §8.3 for bounces):
 * a queue of what was written while the connection was down, delivered once it
 * is back, and a short memory of what was sent, by stanza id, to resend what
 * stream management could not confirm and to name the message a bounce is about.
 */

export interface OutgoingMessage {
  id: string;
  kind: 'chat' | 'group';
  /** Bare JID of the buddy, or the room. */
  peer: string;
  instance?: string;
  body: string;
  otr: boolean;
  /** When the user sent it: a later attempt carries this time (XEP-0203). */
  createdAt: Date;
  attempts: number;
}

/** Messages held while reconnecting; past this, sending fails at once instead. */
export const MAX_QUEUED = 1000;
/** Sent messages remembered for bounces and unacknowledged resends. */
const MAX_REMEMBERED = 256;
/** A message that failed this many times is reported, not tried again. */
export const MAX_ATTEMPTS = 3;

export class Outbox {
  private queue: OutgoingMessage[] = [];
  private readonly sent = new Map<string, OutgoingMessage>();

  get size(): number {
    return this.queue.length;
  }

  /** False when the queue is full. */
  enqueue(message: OutgoingMessage): boolean {
    if (this.queue.length >= MAX_QUEUED) return false;
    this.queue.push(message);
    return true;
  }

  /**
   * Puts messages back at the front, in the order given: they were written
   * before anything still queued (nothing is written past a waiting queue).
   */
  requeue(messages: OutgoingMessage[]): void {
    const fresh = messages.filter((m) => !this.queue.some((q) => q.id === m.id));
    this.queue = [...fresh, ...this.queue];
  }

  takeAll(): OutgoingMessage[] {
    const all = this.queue;
    this.queue = [];
    return all;
  }

  remember(message: OutgoingMessage): void {
    this.sent.delete(message.id);
    this.sent.set(message.id, message);
    while (this.sent.size > MAX_REMEMBERED) {
      const oldest = this.sent.keys().next().value;
      if (oldest === undefined) break;
      this.sent.delete(oldest);
    }
  }

  /** The sent message with this id, forgotten from now on. */
  recall(id: string): OutgoingMessage | undefined {
    const message = this.sent.get(id);
    this.sent.delete(id);
    return message;
  }
}
