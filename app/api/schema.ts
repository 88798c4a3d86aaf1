/**
 * Tiny runtime schemas for values that cross a process or network boundary.
 *
 * One schema gives both the static type (`Infer<typeof s>`) and a checker, so the
 * contract in contract.ts is written once. Checkers never throw: they return a
 * `Check` with a readable path to the first problem, because the callers (IPC,
 * JSON-RPC, WebSocket) turn that into a protocol error, not a crash.
 */

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Schema<T> {
  readonly describe: string;
  check(value: unknown, path?: string): Check<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (path: string, expected: string, value: unknown): Check<never> => ({
  ok: false,
  error: `${path || 'value'}: expected ${expected}, got ${describeValue(value)}`,
});

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  return typeof value;
}

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

export function string(options: StringOptions = {}): Schema<string> {
  const { minLength = 0, maxLength = 1_000_000, pattern } = options;
  const describe = `string${pattern ? ` matching ${pattern}` : ''} of ${minLength}..${maxLength} characters`;
  return {
    describe,
    check(value, path = '') {
      if (typeof value !== 'string') return fail(path, describe, value);
      if (value.length < minLength || value.length > maxLength) return fail(path, describe, value);
      if (pattern && !pattern.test(value)) return fail(path, describe, value);
      return ok(value);
    },
  };
}

export function integer(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Schema<number> {
  const describe = `integer in ${min}..${max}`;
  return {
    describe,
    check(value, path = '') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return fail(path, describe, value);
      }
      return ok(value);
    },
  };
}

export const number: Schema<number> = {
  describe: 'finite number',
  check(value, path = '') {
    return typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail(path, 'finite number', value);
  },
};

export const boolean: Schema<boolean> = {
  describe: 'boolean',
  check(value, path = '') {
    return typeof value === 'boolean' ? ok(value) : fail(path, 'boolean', value);
  },
};

export function literal<const T extends string | number | boolean | null>(...values: T[]): Schema<T> {
  const describe = values.map((v) => JSON.stringify(v)).join(' | ');
  return {
    describe,
    check(value, path = '') {
      return values.includes(value as T) ? ok(value as T) : fail(path, describe, value);
    },
  };
}

export function array<T>(item: Schema<T>, maxItems = 100_000): Schema<T[]> {
  const describe = `array of ${item.describe}`;
  return {
    describe,
    check(value, path = '') {
      if (!Array.isArray(value) || value.length > maxItems) return fail(path, describe, value);
      const out: T[] = [];
      for (let i = 0; i < value.length; i++) {
        const r = item.check(value[i], `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },
  };
}

const OPTIONAL = Symbol('optional');
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly [OPTIONAL]: true;
}

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    [OPTIONAL]: true,
    describe: `optional ${inner.describe}`,
    check(value, path = '') {
      return value === undefined ? ok(undefined) : inner.check(value, path);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** A plain object with exactly these keys; unknown keys are refused so typos surface. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const describe = `object {${Object.keys(shape).join(', ')}}`;
  return {
    describe,
    check(value, path = '') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, describe, value);
      const input = value as Record<string, unknown>;
      for (const key of Object.keys(input)) {
        if (!Object.hasOwn(shape, key)) return { ok: false, error: `${path ? `${path}.` : ''}${key}: unknown field` };
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const r = schema.check(input[key], path ? `${path}.${key}` : key);
        if (!r.ok) return r;
        if (r.value !== undefined) out[key] = r.value;
      }
      return ok(out as ObjectOf<S>);
    },
  };
}

/** The first alternative that accepts the value wins; the error lists them all. */
export function union<const S extends readonly Schema<unknown>[]>(...alternatives: S): Schema<Infer<S[number]>> {
  const describe = alternatives.map((a) => a.describe).join(' or ');
  return {
    describe,
    check(value, path = '') {
      const errors: string[] = [];
      for (const alt of alternatives) {
        const r = alt.check(value, path);
        if (r.ok) return r as Check<Infer<S[number]>>;
        errors.push(r.error);
      }
      return { ok: false, error: errors.join('; or ') };
    },
  };
}

/** A plain object used as a map from string keys to values of one schema. */
export function record<T>(value: Schema<T>, maxKeys = 100_000): Schema<Record<string, T>> {
  const describe = `object of ${value.describe}`;
  return {
    describe,
    check(input, path = '') {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(path, describe, input);
      const entries = Object.entries(input as Record<string, unknown>);
      if (entries.length > maxKeys) return fail(path, describe, input);
      const out: Record<string, T> = Object.create(null) as Record<string, T>;
      for (const [key, v] of entries) {
        const r = value.check(v, path ? `${path}.${key}` : key);
        if (!r.ok) return r;
        out[key] = r.value;
      }
      return ok(out);
    },
  };
}
