/**
 * Floods from the network: a peer (or a hostile server) sending messages
 * faster than a person could read them. Each sender gets a token bucket
 * (../common/token-bucket.ts); what is over it is dropped, and the drops are
 * reported, once when a flood starts and with a count when it ends, never once
 * per line.
 *
 * The bucket is deep enough for a large OTR message, whose fragments arrive
 * together (a 60 kB message is about 150 lines), and servers pace relays anyway.
 */
import { TokenBucket } from '../common/token-bucket';

export interface InboundPolicy {
  burst: number;
  perSecond: number;
}

export const DEFAULT_INBOUND_POLICY: InboundPolicy = { burst: 300, perSecond: 50 };

interface Sender {
  bucket: TokenBucket;
  dropped: number;
  flush?: ReturnType<typeof setTimeout> | undefined;
}

export class InboundLimiter {
  private readonly senders = new Map<string, Sender>();

  constructor(
    private readonly report: (reason: string) => void,
    private readonly policy: InboundPolicy = DEFAULT_INBOUND_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a message from `sender` may be handled; false when it is to be dropped. */
  allow(sender: string, what = 'messages'): boolean {
    const key = `${what}\n${sender.toLowerCase()}`;
    let state = this.senders.get(key);
    if (!state)
      this.senders.set(
        key,
        (state = { bucket: new TokenBucket(this.policy.burst, this.policy.perSecond, this.now), dropped: 0 }),
      );
    if (state.bucket.take()) return true;
    if (state.dropped === 0)
      this.report(
        `${sender} is sending ${what} faster than ${this.policy.perSecond} a second: dropping them until it stops.`,
      );
    state.dropped += 1;
    if (state.flush) clearTimeout(state.flush);
    const flooded = state;
    flooded.flush = setTimeout(() => this.endFlood(key, sender, what, flooded), 1000);
    flooded.flush.unref();
    return false;
  }

  private endFlood(key: string, sender: string, what: string, state: Sender): void {
    this.report(`Dropped ${state.dropped} ${what} from ${sender} (flood).`);
    state.dropped = 0;
    state.flush = undefined;
    if (state.bucket.full) this.senders.delete(key);
  }

  /** Forgets everything (disconnect); pending flood reports are sent now. */
  clear(): void {
    for (const [key, state] of this.senders) {
      if (state.flush) {
        clearTimeout(state.flush);
        const [what = 'messages', sender = ''] = key.split('\n');
        this.report(`Dropped ${state.dropped} ${what} from ${sender} (flood).`);
      }
    }
    this.senders.clear();
  }
}
