import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test-support/fixtures';
import { v4Profile } from '../../test-support/v4-profiles';
import {
  EXTRA_VALIDITY_SECONDS,
  expiryFrom,
  isExpired,
  needsRenewal,
  PROFILE_LIFETIME_SECONDS,
  unixSeconds,
} from './expiry';

const NOW = 1_700_000_000_500;
const DAY = 24 * 3600;

describe('profile expiry and renewal', () => {
  it('makes profiles that expire one week from now, in whole seconds', () => {
    expect(PROFILE_LIFETIME_SECONDS).toBe(7 * DAY);
    expect(expiryFrom(NOW)).toBe(1_700_000_000n + BigInt(7 * DAY));
    expect(v4Profile('alice', {}, new ManualClock(NOW)).expires).toBe(expiryFrom(NOW));
    expect(v4Profile('alice', { lifetimeSeconds: 60 }, new ManualClock(NOW)).expires).toBe(1_700_000_060n);
  });

  it('counts a profile expired from the second of its expiry on', () => {
    const expires = unixSeconds(NOW) + 10n;
    const atExpiry = Number(expires) * 1000;
    expect(isExpired(expires, atExpiry - 1)).toBe(false);
    expect(isExpired(expires, atExpiry)).toBe(true);
  });

  it('lets our own profile serve one extra day locally', () => {
    const expires = unixSeconds(NOW);
    expect(EXTRA_VALIDITY_SECONDS).toBe(DAY);
    expect(isExpired(expires, NOW + (DAY - 1) * 1000, EXTRA_VALIDITY_SECONDS)).toBe(false);
    expect(isExpired(expires, NOW + DAY * 1000, EXTRA_VALIDITY_SECONDS)).toBe(true);
  });

  it('asks for renewal once less than a day is left', () => {
    const expires = expiryFrom(NOW);
    expect(needsRenewal(expires, NOW + (6 * DAY - 1) * 1000)).toBe(false);
    expect(needsRenewal(expires, NOW + 6 * DAY * 1000)).toBe(true);
  });

  it('handles an expiry before 1970, which the signed encoding allows', () => {
    expect(isExpired(-5n, 0)).toBe(true);
  });
});
