/**
 * Strings, integers and arrays with bounds. Every one of them that crosses a
 * boundary has a limit, so a peer cannot make the core hold or walk an unbounded
 * value; the defaults are the limits the contract has always had.
 *
 * Schemas in app/ import 'zod/mini', not 'zod': app/api is shared with the
 * renderer. It imports only types today, so neither reaches its bundle; if it
 * ever checked events at runtime, the contract and validate.ts would add 26 kB
 * (9 kB gzipped) with zod/mini against 93 kB (27 kB) with zod (vite build,
 * zod 4.6). zod/mini has no messages of its own; validate.ts writes ours anyway.
 */
import * as z from 'zod/mini';

export interface StringBounds {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** min..max UTF-16 code units (JavaScript's `length`), optionally matching a pattern. */
export function chars({ min = 0, max = 1_000_000, pattern }: StringBounds = {}) {
  const checks = [...(min > 0 ? [z.minLength(min)] : []), z.maxLength(max), ...(pattern ? [z.regex(pattern)] : [])];
  return z.string().check(...checks);
}

/** A whole number in min..max; zod's int() already refuses anything outside the safe integers. */
export function int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  const checks = [
    ...(min > Number.MIN_SAFE_INTEGER ? [z.minimum(min)] : []),
    ...(max < Number.MAX_SAFE_INTEGER ? [z.maximum(max)] : []),
  ];
  return z.int().check(...checks);
}

export function list<T extends z.core.SomeType>(item: T, maxItems = 100_000) {
  return z.array(item).check(z.maxLength(maxItems));
}
