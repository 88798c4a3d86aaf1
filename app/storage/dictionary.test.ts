import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { validate } from '../api/validate';
import { dictionary } from './dictionary';

describe('dictionary', () => {
  const policies = dictionary(z.enum(['never', 'always']), 3);

  it('gives a map without a prototype, so a key such as "constructor" finds only what the file holds', () => {
    const r = validate(policies, JSON.parse('{"a":"never","constructor":"always"}'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value)).toBe(null);
    expect(r.value.constructor).toBe('always');
    expect(r.value.toString).toBeUndefined();
  });

  it('never lets a "__proto__" key change what the map is', () => {
    const r = validate(policies, JSON.parse('{"__proto__":{"polluted":"always"}}'));
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks every value, and how many keys there are', () => {
    expect(validate(policies, { a: 'never', b: 'sometimes' })).toEqual({
      ok: false,
      error: 'b: expected "never" | "always", got "sometimes"',
    });
    expect(validate(policies, { a: 'never', b: 'never', c: 'never', d: 'never' })).toEqual({
      ok: false,
      error: 'value: expected at most 3 keys, got object',
    });
    expect(validate(policies, ['never'])).toMatchObject({ ok: false });
  });
});
