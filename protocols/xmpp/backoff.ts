/**
 * Reconnection delays (RFC 6120 §3.3 asks clients to wait a random, growing
 * time before reconnecting, so that a restarted server is not hit by every
 * client at the same instant): 1 s, 2 s, 4 s … capped at 60 s, each moved by
 * up to ±20 % at random.
 */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;
const JITTER = 0.2;

/** The wait before reconnection attempt `attempt` (1-based); `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 16);
  const nominal = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
  const factor = 1 - JITTER + 2 * JITTER * random();
  return Math.round(Math.min(nominal * factor, BACKOFF_CAP_MS));
}
