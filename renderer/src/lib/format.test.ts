/** Fingerprints in Pidgin's groups, and the times shown beside a line. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprintGroups, fingerprintRows, fingerprintShort, fingerprintVersion } from './format';
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

const V3 = '0123456789abcdef0123456789abcdef01234567';
// 56 bytes: OTRv4's fingerprint (SHAKE-256 of the identity and forging keys).
const V4 = 'a1b2c3d4'.repeat(14);

describe('v4 fingerprints: 14 groups in two rows of 7', () => {
  it('splits 112 digits into 14 upper-case groups of 8', () => {
    const groups = fingerprintGroups(V4);
    expect(groups).toHaveLength(14);
    for (const g of groups) expect(g).toBe('A1B2C3D4');
  });

  it('puts a v4 key in two rows of 7 and a v3 key in one row of 5', () => {
    expect(fingerprintRows(V4).map((r) => r.length)).toEqual([7, 7]);
    expect(fingerprintRows(V3)).toEqual([fingerprintGroups(V3)]);
  });

  it('tells the version by the length', () => {
    expect(fingerprintVersion(V4)).toBe(4);
    expect(fingerprintVersion(V3)).toBe(3);
  });

  it('shortens a key to its first group and an ellipsis, for a sentence', () => {
    expect(fingerprintShort(V3)).toBe('01234567…');
    expect(fingerprintShort('abcd')).toBe('ABCD');
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
