/**
 * node:dns for vi.mock, in tests of the rule that a password goes without TLS
 * only to this machine (common/loopback.ts): made-up answers for some names,
 * the real resolver for every other.
 */
import type * as dns from 'node:dns';

type Callback = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;

/** The module vi.mock('node:dns') returns; `answers` is read at each lookup, so it may be defined after the mock. */
export function dnsAnswering(
  real: typeof dns,
  answers: () => Record<string, dns.LookupAddress[]>,
): Record<string, unknown> {
  const lookup = (host: string, options: unknown, callback: Callback) => {
    const answer = answers()[host];
    if (answer) setImmediate(() => callback(null, answer));
    else (real.lookup as unknown as typeof lookup)(host, options, callback);
  };
  return { ...real, lookup, default: { ...real, lookup } };
}
