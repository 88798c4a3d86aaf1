import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from one second and stops at sixty', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelayMs(n, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('jitters by at most a fifth, downwards, so the cap always holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(60_000, 1000 * 2 ** Math.min(attempt - 1, 30));
        const delay = backoffDelayMs(attempt, () => r);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
      }),
    );
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(1000);
  });
});
