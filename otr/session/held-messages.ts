/**
 * Messages the user typed before the conversation was private, kept in order
 * until an AKE completes (then sent once, encrypted) or until they waited too
 * long (then given back, unsent: never sent in the clear instead).
 */
import type { OtrEvent } from './events';

interface HeldMessage {
  id: number;
  text: string;
  at: number;
}

export class HeldMessages {
  private held: HeldMessage[] = [];

  get size(): number {
    return this.held.length;
  }

  /** Keeps a message under the id later events name it by. */
  hold(id: number, text: string, now: number): void {
    this.held.push({ id, text, at: now });
  }

  /** Everything held, in the order typed, and forgotten: each is sent at most once. */
  takeAll(): { id: number; text: string }[] {
    const all = this.held;
    this.held = [];
    return all;
  }

  /** Gives up on every message (all) or on those held since before `before`. */
  expire(all: boolean, before = 0): OtrEvent[] {
    const gone = all ? this.held : this.held.filter((h) => h.at < before);
    if (gone.length === 0) return [];
    this.held = all ? [] : this.held.filter((h) => h.at >= before);
    return [{ type: 'held-expired', ids: gone.map((h) => h.id), texts: gone.map((h) => h.text) }];
  }
}
