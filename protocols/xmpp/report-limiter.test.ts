import { describe, expect, it } from 'vitest';
import { ReportLimiter } from './report-limiter';

describe('ReportLimiter', () => {
  it('passes up to max reports per window, then sums up the rest once', () => {
    const now = { t: 0 };
    const out: string[] = [];
    const limiter = new ReportLimiter(
      2,
      1000,
      (r) => out.push(r),
      () => now.t,
    );
    for (let i = 0; i < 5; i++) limiter.report(`r${i}`);
    expect(out).toEqual(['r0', 'r1']);
    now.t = 1000;
    limiter.report('next window');
    expect(out).toEqual([
      'r0',
      'r1',
      '…and 3 more report(s) of dropped input in 1 s, not listed one by one.',
      'next window',
    ]);
  });

  it('sums up by itself when the window ends quietly', async () => {
    const out: string[] = [];
    const limiter = new ReportLimiter(1, 30, (r) => out.push(r));
    limiter.report('a');
    limiter.report('b');
    await new Promise((r) => setTimeout(r, 60));
    expect(out).toEqual(['a', '…and 1 more report(s) of dropped input in 0.03 s, not listed one by one.']);
  });
});
