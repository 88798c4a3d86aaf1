/**
 * RFC 1459 §8.10 (Flood control of clients): a server keeps a timer per client
 * that each line moves forward, and stops reading from a client whose timer
 * runs too far ahead of the clock. We keep the same kind of timer on our side,
 * so lines leave at a pace the server accepts as it comes and it never has to
 * hold our lines back, or (on servers that do) drop us for flooding.
 *
 * The default costs follow ngIRCd 26 (src/ngircd/conn.c), the server we test
 * against: it handles at most 3 lines per read and, once a client has sent 256
 * bytes within one second, reads nothing more from it until the next second.
 * A line therefore costs 4 ms a byte, at least 500 ms and at most 1 s (a long
 * line is always alone in its second), with a burst of about two seconds.
 */
export interface FloodPolicy {
  /** Least cost of a line, in milliseconds. */
  minLineMs: number;
  /** Most cost of a line, in milliseconds. */
  maxLineMs: number;
  /** Cost per byte, in milliseconds, between those bounds. */
  perByteMs: number;
  /** How far ahead of the clock the timer may run before we wait. */
  burstMs: number;
}

export const DEFAULT_FLOOD_POLICY: FloodPolicy = { minLineMs: 500, maxLineMs: 1000, perByteMs: 4, burstMs: 2000 };

export class FloodClock {
  private timer = 0;

  constructor(private readonly policy: FloodPolicy = DEFAULT_FLOOD_POLICY) {}

  costOf(bytes: number): number {
    return Math.min(this.policy.maxLineMs, Math.max(this.policy.minLineMs, bytes * this.policy.perByteMs));
  }

  /** Milliseconds to wait, at `now`, before the next line may go; 0 when it may go now. */
  waitMs(now: number): number {
    return Math.max(0, Math.max(this.timer, now) - now - this.policy.burstMs + 1);
  }

  /** A new connection: servers keep this timer per connection, so ours starts afresh too. */
  reset(): void {
    this.timer = 0;
  }

  /** Records that a line of `bytes` (CR LF included) went out at `now`. */
  spend(now: number, bytes: number): void {
    this.timer = Math.max(this.timer, now) + this.costOf(bytes);
  }
}
