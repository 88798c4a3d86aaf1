/**
 * Reconnection delays: exponential backoff with jitter (1 s, 2 s, 4 s … capped
 * at 60 s). The jitter only ever shortens a delay, by up to a fifth, so the cap
 * holds and many clients dropped by one server restart do not all come back in
 * the same second.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Share of the delay that randomness may take off, 0 to 1. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000, jitter: 0.2 };

/** Delay before reconnection attempt `attempt` (1 for the first); `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling * (1 - policy.jitter * random()));
}
