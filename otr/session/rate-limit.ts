/**
 * A token bucket on the injected clock: what a peer can make us do in return
 * for what it sends (error replies, new instance sessions) stays bounded, so a
 * flood of forged messages costs us little and earns the sender little.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;
  private refused = 0;

  /** `capacity` at once, then one more every `refillMs`. */
  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
  ) {
    this.tokens = capacity;
  }

  /** Spends one token if there is one; false means "not now", and is counted. */
  take(now: number): boolean {
    if (this.updatedAt !== undefined && now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) / this.refillMs);
    }
    this.updatedAt = now;
    if (this.tokens < 1) {
      this.refused += 1;
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  /** How many take() calls were refused since the last time this was asked. */
  refusedSinceAsked(): number {
    const n = this.refused;
    this.refused = 0;
    return n;
  }
}
