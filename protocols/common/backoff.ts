/**
 * Reconnection delays, for both networks (RFC 6120 §3.3 asks XMPP clients to
 * wait a random, growing time before reconnecting, so that a restarted server
 * is not hit by every client at the same instant; IRC servers want the same):
 * 1 s, 2 s, 4 s … capped at 60 s. The jitter only ever shortens a delay, by up
 * to a fifth: the cap is a true cap, and clients that all reached it still
 * spread over 48–60 s instead of piling up on the cap itself.
 *
 * The delays start over only after a connection that held for a while: a
 * server that drops us right after each login (a ban, a broken bouncer, a
 * stream error) must not get a new login (TLS, SASL) every second.
 */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;
/** Share of a delay that randomness may take off. */
const JITTER = 0.2;
/** How long a connection must last for the next drop to wait only the first delay again. */
export const STABLE_AFTER_MS = 60_000;

/** The wait before reconnection attempt `attempt` (1 for the first); `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  return Math.round(ceiling * (1 - JITTER * random()));
}

export interface BackoffOptions {
  stableAfterMs?: number | undefined;
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
}

/** The attempts of one account: their number, their waits, and when they start over. */
export class Backoff {
  private attempt = 0;
  private onlineSince: number | undefined;
  private readonly stableAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: BackoffOptions = {}) {
    this.stableAfterMs = options.stableAfterMs ?? STABLE_AFTER_MS;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The user asked to connect: the next wait is the first. */
  restart(): void {
    this.attempt = 0;
    this.onlineSince = undefined;
  }

  /** A connection is up (new or resumed). */
  online(): void {
    this.onlineSince = this.now();
  }

  /** The connection dropped, or an attempt failed: the next attempt's number and wait. */
  next(): { attempt: number; retryInMs: number } {
    if (this.onlineSince !== undefined && this.now() - this.onlineSince >= this.stableAfterMs) this.attempt = 0;
    this.onlineSince = undefined;
    this.attempt += 1;
    return { attempt: this.attempt, retryInMs: backoffDelay(this.attempt, this.random) };
  }
}
