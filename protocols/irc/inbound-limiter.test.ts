import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboundLimiter } from './inbound-limiter';

describe('InboundLimiter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets a burst through, drops the rest, reports the start once and the count at the end', async () => {
    const reports: string[] = [];
    const limiter = new InboundLimiter(
      (r) => reports.push(r),
      { burst: 10, perSecond: 5 },
      () => Date.now(),
    );
    const allowed = Array.from({ length: 100 }, () => limiter.allow('mallory')).filter(Boolean).length;
    expect(allowed).toBe(10);
    expect(reports).toEqual(['mallory is sending messages faster than 5 a second: dropping them until it stops.']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports[1]).toBe('Dropped 90 messages from mallory (flood).');
  });

  it('refills with time, and keeps senders apart', async () => {
    const limiter = new InboundLimiter(
      () => undefined,
      { burst: 2, perSecond: 1 },
      () => Date.now(),
    );
    expect([limiter.allow('a'), limiter.allow('a'), limiter.allow('a')]).toEqual([true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(limiter.allow('a')).toBe(true);
  });

  it('reports a pending count when cleared', () => {
    const reports: string[] = [];
    const limiter = new InboundLimiter(
      (r) => reports.push(r),
      { burst: 1, perSecond: 1 },
      () => Date.now(),
    );
    limiter.allow('x');
    limiter.allow('x');
    limiter.clear();
    expect(reports.at(-1)).toBe('Dropped 1 messages from x (flood).');
  });
});
