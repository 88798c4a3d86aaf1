/**
 * Profile lifetimes ("Client Profile Expiration and Renewal", "Client Profile"):
 * expiry dates are seconds since the epoch; the recommended lifetime is one week;
 * an expired profile of our own may still be used locally for an extra day (the
 * recommended "extra validity time", for offline messages that arrive late). The same
 * rules serve the Prekey Profile, whose expiry has the same encoding and lifetime.
 */

export const PROFILE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;
export const EXTRA_VALIDITY_SECONDS = 24 * 60 * 60;
/**
 * "Before the Client Profile expires, it should be updated": we renew once less than
 * a day is left, so a renewed profile is published before the old one expires even
 * if the client next runs a day later (see DECISIONS.md).
 */
export const RENEWAL_MARGIN_SECONDS = 24 * 60 * 60;

export function unixSeconds(nowMs: number): bigint {
  return BigInt(Math.floor(nowMs / 1000));
}

/** The expiry of a profile made now. */
export function expiryFrom(nowMs: number, lifetimeSeconds = PROFILE_LIFETIME_SECONDS): bigint {
  return unixSeconds(nowMs) + BigInt(lifetimeSeconds);
}

/** Expired once the expiry second is reached; `extraSeconds` is EXTRA_VALIDITY_SECONDS for our own profiles used locally. */
export function isExpired(expires: bigint, nowMs: number, extraSeconds = 0): boolean {
  return unixSeconds(nowMs) >= expires + BigInt(extraSeconds);
}

export function needsRenewal(expires: bigint, nowMs: number): boolean {
  return unixSeconds(nowMs) >= expires - BigInt(RENEWAL_MARGIN_SECONDS);
}
