/**
 * A token bucket, the rate limit under both adapters' flood defences (RFC 6120
 * §13.12 on XMPP, floods of messages on IRC): `burst` tokens to start with,
 * `perSecond` more each second up to `burst` again, one taken per item. What to
 * do with an item over the rate (hold it, merge it, drop it, report it) is the
 * caller's: xmpp/flood-gate.ts, irc/inbound-limiter.ts.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Takes a token if there is one: true when the item may go. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Nearly as full as a new bucket: one that may be forgotten without favouring its sender by more than a token. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst - 1;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}
