import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then one item per 1/rate seconds', () => {
    const clock = { t: 0 };
    const bucket = new TokenBucket(3, 10, () => clock.t);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.t = 99;
    expect(bucket.take()).toBe(false);
    clock.t = 100;
    expect(bucket.take()).toBe(true);
  });

  it('refills no further than the burst, and says when it is (nearly) full again', () => {
    const clock = { t: 0 };
    const bucket = new TokenBucket(2, 1, () => clock.t);
    bucket.take();
    bucket.take();
    expect(bucket.full).toBe(false);
    clock.t = 1000;
    expect(bucket.full).toBe(true);
    clock.t = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });
});
