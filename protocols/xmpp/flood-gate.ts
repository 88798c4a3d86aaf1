/**
 * RFC 6120 §13.12 (denial of service) on the client side: a flood of presence
 * or subscription stanzas must not flood the app. Updates pass freely up to a
 * rate (../common/token-bucket.ts); beyond it they are held, one per key (peer
 * and resource), the newest replacing the older: presence is a state, and only
 * the last one matters. Past `maxHeld` keys new ones are dropped. What was
 * merged or dropped is counted for one summary report.
 */
import { TokenBucket } from '../common/token-bucket';

export interface FloodCounts {
  merged: number;
  dropped: number;
}

export interface FloodGateOptions {
  ratePerSecond: number;
  burst: number;
  maxHeld: number;
  now?: () => number;
}

export class FloodGate<T> {
  private readonly bucket: TokenBucket;
  private readonly heldItems = new Map<string, T>();
  private counts: FloodCounts = { merged: 0, dropped: 0 };

  constructor(private readonly options: FloodGateOptions) {
    this.bucket = new TokenBucket(options.burst, options.ratePerSecond, options.now);
  }

  /** pass: deliver it now; held: it will come out of drain(); dropped: gone (counted). */
  offer(key: string, item: T): 'pass' | 'held' | 'dropped' {
    if (this.heldItems.size === 0 && this.bucket.take()) return 'pass';
    if (this.heldItems.has(key)) {
      // Re-inserted so that it goes out after the keys that waited longer.
      this.heldItems.delete(key);
      this.heldItems.set(key, item);
      this.counts.merged += 1;
      return 'held';
    }
    if (this.heldItems.size >= this.options.maxHeld) {
      this.counts.dropped += 1;
      return 'dropped';
    }
    this.heldItems.set(key, item);
    return 'held';
  }

  /** The held items the rate now allows, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    for (const [key, item] of this.heldItems) {
      if (!this.bucket.take()) break;
      this.heldItems.delete(key);
      out.push(item);
    }
    return out;
  }

  get held(): number {
    return this.heldItems.size;
  }

  /** What was merged or dropped since the last call; undefined when nothing was. */
  takeCounts(): FloodCounts | undefined {
    const counts = this.counts;
    if (counts.merged === 0 && counts.dropped === 0) return undefined;
    this.counts = { merged: 0, dropped: 0 };
    return counts;
  }

  clear(): void {
    this.heldItems.clear();
  }
}
