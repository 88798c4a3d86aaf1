/**
 * RFC 2812 §3.2.1 (JOIN): a JOIN is answered by our own JOIN coming back, or
 * by an error reply naming the channel (ERR_BANNEDFROMCHAN, ERR_INVITEONLYCHAN,
 * ERR_BADCHANNELKEY…). These are the joinGroup() calls waiting for that answer.
 */
export const JOIN_TIMEOUT_MS = 30_000;

export class JoinRequests {
  private readonly waiting = new Map<string, ((error?: string) => void)[]>();

  constructor(private readonly fold: (room: string) => string) {}

  /** Sends the JOIN and resolves when we are in, or rejects with the server's reason. */
  request(room: string, send: () => void, timeoutMs = JOIN_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const key = this.fold(room);
      const timer = setTimeout(() => this.settle(room, `The server did not answer the JOIN of ${room}.`), timeoutMs);
      const list = this.waiting.get(key) ?? [];
      list.push((error) => {
        clearTimeout(timer);
        if (error) reject(new Error(error));
        else resolve();
      });
      this.waiting.set(key, list);
      send();
    });
  }

  /** We are in `room` (no error), or the server said why not. */
  settle(room: string, error?: string): void {
    const key = this.fold(room);
    const list = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    for (const settle of list) settle(error);
  }

  /** Every request at once, e.g. when the connection ends. */
  settleAll(error?: string): void {
    for (const [key, list] of [...this.waiting]) {
      this.waiting.delete(key);
      for (const settle of list) settle(error);
    }
  }
}
