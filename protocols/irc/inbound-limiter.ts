/**
 * Floods from the network: a peer (or a hostile server) sending messages
 * faster than a person could read them. Each sender gets a token bucket; what
 * is over it is dropped, and the drops are reported, once when a flood starts
 * and with a count when it ends, never once per line.
 *
 * The bucket is deep enough for a large OTR message, whose fragments arrive
 * together (a 60 kB message is about 150 lines), and servers pace relays anyway.
 */
export interface InboundPolicy {
  burst: number;
  perSecond: number;
}

export const DEFAULT_INBOUND_POLICY: InboundPolicy = { burst: 300, perSecond: 50 };

interface Bucket {
  tokens: number;
  at: number;
  dropped: number;
  flush?: ReturnType<typeof setTimeout> | undefined;
}

export class InboundLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly report: (reason: string) => void,
    private readonly policy: InboundPolicy = DEFAULT_INBOUND_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a message from `sender` may be handled; false when it is to be dropped. */
  allow(sender: string, what = 'messages'): boolean {
    const key = `${what}\n${sender.toLowerCase()}`;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { tokens: this.policy.burst, at: now, dropped: 0 }));
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.policy.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    if (bucket.dropped === 0) this.report(`${sender} is sending ${what} faster than ${this.policy.perSecond} a second: dropping them until it stops.`);
    bucket.dropped += 1;
    if (bucket.flush) clearTimeout(bucket.flush);
    const flooded = bucket;
    flooded.flush = setTimeout(() => this.endFlood(key, sender, what, flooded), 1000);
    flooded.flush.unref();
    return false;
  }

  private endFlood(key: string, sender: string, what: string, bucket: Bucket): void {
    this.report(`Dropped ${bucket.dropped} ${what} from ${sender} (flood).`);
    bucket.dropped = 0;
    bucket.flush = undefined;
    if (bucket.tokens >= this.policy.burst - 1) this.buckets.delete(key);
  }

  /** Forgets everything (disconnect); pending flood reports are sent now. */
  clear(): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.flush) {
        clearTimeout(bucket.flush);
        const [what = 'messages', sender = ''] = key.split('\n');
        this.report(`Dropped ${bucket.dropped} ${what} from ${sender} (flood).`);
      }
    }
    this.buckets.clear();
  }
}
