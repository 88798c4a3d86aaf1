import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 60 s when the jitter is neutral', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('moves each delay by at most 20 % and never past the cap', () => {
    for (const attempt of [1, 3, 7, 30]) {
      const low = backoffDelay(attempt, () => 0);
      const high = backoffDelay(attempt, () => 0.999999);
      const nominal = Math.min(1000 * 2 ** (attempt - 1), BACKOFF_CAP_MS);
      expect(low).toBe(Math.round(nominal * 0.8));
      expect(high).toBeLessThanOrEqual(Math.min(Math.round(nominal * 1.2), BACKOFF_CAP_MS));
      expect(high).toBeGreaterThan(low);
    }
  });

  it('treats a nonsense attempt number as the first', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(1000);
    expect(backoffDelay(-3, () => 0.5)).toBe(1000);
  });
});
