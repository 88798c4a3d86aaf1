/**
 * A JSON object used as a map (account id → settings, account id → password).
 *
 * The result has no prototype, as the hand-written checker's did: a key read
 * from a file or named in a request ("constructor", "toString") must find
 * nothing rather than Object.prototype's members. zod already skips a
 * "__proto__" key, so it can never replace the map's prototype either.
 */
import * as z from 'zod/mini';

/** An empty map of the same kind, for maps made in memory before they are saved. */
export function emptyDictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function dictionary<T extends z.core.SomeType>(value: T, maxKeys = 100_000) {
  const map = z
    .record(z.string(), value)
    .check(z.refine((r) => Object.keys(r).length <= maxKeys, `at most ${maxKeys} keys`));
  return z.pipe(
    map,
    z.transform((r) => Object.assign(Object.create(null) as typeof r, r)),
  );
}
