import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, Backoff, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from one second and stops at sixty', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it('jitters by at most a fifth, downwards, so the cap always holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** Math.min(attempt - 1, 30));
          const delay = backoffDelay(attempt, () => r);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
        },
      ),
    );
  });

  it('still spreads clients that all reached the cap', () => {
    expect(backoffDelay(30, () => 0.999999)).toBe(48_000);
    expect(backoffDelay(30, () => 0.5)).toBe(54_000);
  });

  it('treats a nonsense attempt number as the first', () => {
    expect(backoffDelay(0, () => 0)).toBe(1000);
    expect(backoffDelay(-3, () => 0)).toBe(1000);
  });
});

describe('Backoff', () => {
  const clock = () => {
    const c = { t: 0, now: () => c.t };
    return c;
  };

  it('counts attempts while connections keep failing or dropping soon after login', () => {
    const c = clock();
    const backoff = new Backoff({ stableAfterMs: 10_000, random: () => 0, now: c.now });
    expect(backoff.next()).toEqual({ attempt: 1, retryInMs: 1000 });
    expect(backoff.next()).toEqual({ attempt: 2, retryInMs: 2000 });
    backoff.online();
    c.t += 9_999;
    expect(backoff.next()).toEqual({ attempt: 3, retryInMs: 4000 });
  });

  it('starts over after a connection that held, and when the user connects again', () => {
    const c = clock();
    const backoff = new Backoff({ stableAfterMs: 10_000, random: () => 0, now: c.now });
    backoff.next();
    backoff.next();
    backoff.online();
    c.t += 10_000;
    expect(backoff.next().attempt).toBe(1);
    backoff.next();
    backoff.restart();
    expect(backoff.next().attempt).toBe(1);
  });
});
