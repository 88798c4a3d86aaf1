/**
 * What we sent lately, so that a message the buddy could not read is sent
 * again once the conversation is private again (libotr's lastmessage and
 * may_retransmit, message.c, for the last message; here for each message the
 * buddy's errors account for). An OTR error carries no instance tag or message
 * id: each one means one of our recent messages was unreadable, most likely
 * the latest, so n errors make the latest n eligible. A message is sent again
 * at most once, only within `windowMs` of being typed (libotr: 60 s), and only
 * to the same key it was first encrypted for: never to another login or a
 * changed key, never in the clear.
 */
import { constantTimeEqual } from '../bytes';

export interface SentMessage {
  id: number;
  text: string;
  at: number;
  /** The fingerprint of the key it was encrypted for. */
  fingerprint: Uint8Array;
}

/** Messages remembered: more errors than this at once cannot be told apart anyway. */
const MAX_REMEMBERED = 32;

export class SentLog {
  private sent: SentMessage[] = [];
  private unreadable = 0;

  constructor(private readonly windowMs: number) {}

  record(message: SentMessage): void {
    this.sent.push(message);
    if (this.sent.length > MAX_REMEMBERED) this.sent.shift();
  }

  /** The buddy reported an unreadable message (an OTR error). */
  peerCouldNotRead(now: number): void {
    this.forgetOld(now);
    this.unreadable = Math.min(this.unreadable + 1, this.sent.length);
  }

  /**
   * The messages to send again now that a session with `fingerprint` is private,
   * in the order typed, and those that cannot be (another key): each is returned
   * once, then forgotten.
   */
  takeUnread(fingerprint: Uint8Array, now: number): { again: SentMessage[]; refused: SentMessage[] } {
    this.forgetOld(now);
    const unread = this.unreadable === 0 ? [] : this.sent.splice(this.sent.length - this.unreadable);
    this.unreadable = 0;
    const again = unread.filter((m) => constantTimeEqual(m.fingerprint, fingerprint));
    return { again, refused: unread.filter((m) => !again.includes(m)) };
  }

  private forgetOld(now: number): void {
    // The unreadable ones are the latest: dropping the oldest leaves them in place.
    this.sent = this.sent.filter((m) => now - m.at <= this.windowMs);
    this.unreadable = Math.min(this.unreadable, this.sent.length);
  }
}
