/**
 * skipped_MKenc ("Key Management" state variables; "When you receive a Data
 * Message"): the message keys, and their extra symmetric keys, of messages not yet
 * arrived, indexed by the sender's ECDH key and the message number. Each is used once
 * and then deleted.
 *
 * Bounded twice ("Deletion of Stored Message Keys"): a ratchet step may store at most
 * max_skip keys (the receiver refuses a message that would need more), and the store
 * holds at most `maxStored` keys in all. Beyond that the oldest keys are deleted, and
 * their MAC keys revealed as the spec does when stored keys are deleted ("Revealing
 * MAC Keys"): such a message can no longer be read, and nothing else is lost.
 */
import { POINT_BYTES } from '../crypto/ed448';
import { macKey, wipe } from './keys';

export interface StoredKey {
  readonly mkEnc: Uint8Array;
  readonly extraKey: Uint8Array;
}

/** One string per (ECDH key, message number): the key's 57 bytes as characters, then the number. */
function indexOf(ecdh: Uint8Array, messageId: number): string {
  let s = '';
  for (let i = 0; i < POINT_BYTES; i++) s += String.fromCharCode(ecdh[i] as number);
  return `${s}${messageId}`;
}

export class SkippedKeys {
  private readonly keys = new Map<string, StoredKey>();

  constructor(readonly maxStored: number) {}

  get size(): number {
    return this.keys.size;
  }

  has(ecdh: Uint8Array, messageId: number): boolean {
    return this.keys.has(indexOf(ecdh, messageId));
  }

  get(ecdh: Uint8Array, messageId: number): StoredKey | undefined {
    return this.keys.get(indexOf(ecdh, messageId));
  }

  /** Deletes a key once it has opened its message. */
  delete(ecdh: Uint8Array, messageId: number): void {
    const index = indexOf(ecdh, messageId);
    const stored = this.keys.get(index);
    if (!stored) return;
    this.keys.delete(index);
    wipe(stored.mkEnc, stored.extraKey);
  }

  /**
   * Stores keys (in message order, oldest first). Keys beyond `maxStored` push out the
   * oldest; their MAC keys are returned, to be revealed.
   */
  store(ecdh: Uint8Array, first: number, keys: readonly StoredKey[]): Uint8Array[] {
    keys.forEach((key, n) => this.keys.set(indexOf(ecdh, first + n), key));
    const revealed: Uint8Array[] = [];
    for (const [index, stored] of this.keys) {
      if (this.keys.size <= this.maxStored) break;
      revealed.push(macKey(stored.mkEnc));
      this.keys.delete(index);
      wipe(stored.mkEnc, stored.extraKey);
    }
    return revealed;
  }

  /** Deletes every key, returning their MAC keys to reveal ("Session Expiration", step 1). */
  clear(): Uint8Array[] {
    const revealed: Uint8Array[] = [];
    for (const stored of this.keys.values()) {
      revealed.push(macKey(stored.mkEnc));
      wipe(stored.mkEnc, stored.extraKey);
    }
    this.keys.clear();
    return revealed;
  }
}
