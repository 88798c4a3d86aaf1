/** Fingerprints in Pidgin's groups, and the times shown beside a line. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprintGroups } from './format';
import type * as Format from './format';

describe('fingerprintGroups', () => {
  it('splits a 40-digit fingerprint into 5 upper-case groups of 8', () => {
    expect(fingerprintGroups('0123456789abcdef0123456789abcdef01234567')).toEqual([
      '01234567',
      '89ABCDEF',
      '01234567',
      '89ABCDEF',
      '01234567',
    ]);
  });

  it('gives a shorter last group when the digits do not divide by 8', () => {
    expect(fingerprintGroups('abcdef0123')).toEqual(['ABCDEF01', '23']);
  });

  it('gives no group for an empty fingerprint', () => {
    expect(fingerprintGroups('')).toEqual([]);
  });
});

describe('shortTime and fullTime', () => {
  // 13:07:42 UTC on 2 March 2024; the formats are made when the module loads, so the zone is set first.
  const at = Date.UTC(2024, 2, 2, 13, 7, 42);
  let format: typeof Format;
  beforeAll(async () => {
    vi.stubEnv('TZ', 'UTC');
    vi.resetModules();
    format = await import('./format');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('shows hours and minutes, without seconds or date, beside a line', () => {
    const shown = format.shortTime(at);
    expect(shown).toContain('07');
    expect(shown).not.toContain('42');
    expect(shown).not.toContain('2024');
  });

  it('shows the date and the time to the second in the tooltip', () => {
    const shown = format.fullTime(at);
    expect(shown).toContain('2024');
    expect(shown).toContain('07');
    expect(shown).toContain('42');
  });
});
