import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { chars, int, list } from './bounded';
import { validate } from './validate';

describe('validate', () => {
  const account = z.strictObject({
    id: chars({ min: 1 }),
    port: z.optional(int(1, 65535)),
    tls: z.enum(['starttls', 'direct']),
  });

  it('accepts a valid object and leaves absent optionals absent', () => {
    expect(validate(account, { id: 'a', tls: 'direct' })).toEqual({ ok: true, value: { id: 'a', tls: 'direct' } });
  });

  it('names the path of the problem, and what was there instead', () => {
    expect(validate(account, { id: 'a', port: 70000, tls: 'direct' })).toEqual({
      ok: false,
      error: 'port: expected a number <= 65535, got number',
    });
    expect(validate(account, { id: 'a', port: 1.5, tls: 'direct' }, 'params')).toEqual({
      ok: false,
      error: 'params.port: expected an integer, got number',
    });
    expect(validate(account, { id: '', tls: 'direct' })).toEqual({
      ok: false,
      error: 'id: expected at least 1 characters, got ""',
    });
    expect(validate(account, { id: 'a', tls: 'tcp' })).toEqual({
      ok: false,
      error: 'tls: expected "starttls" | "direct", got "tcp"',
    });
    expect(validate(account, 'account')).toEqual({ ok: false, error: 'value: expected an object, got "account"' });
  });

  it('never echoes a long string back', () => {
    expect(validate(chars({ max: 50 }), 'x'.repeat(51))).toEqual({
      ok: false,
      error: 'value: expected at most 50 characters, got a long string',
    });
  });

  it('refuses unknown fields, and names one before the field it was probably meant to be', () => {
    expect(validate(account, { id: 'a', tls: 'direct', prot: 1 })).toEqual({ ok: false, error: 'prot: unknown field' });
    expect(validate(account, { ID: 'a', tls: 'direct' })).toEqual({ ok: false, error: 'ID: unknown field' });
    expect(validate(z.strictObject({ inner: account }), { inner: { id: 'a', tls: 'direct', x: 1 } })).toEqual({
      ok: false,
      error: 'inner.x: unknown field',
    });
  });

  it('checks array items with their index, and the length of the array', () => {
    expect(validate(list(int()), [1, 'x'])).toEqual({ ok: false, error: '[1]: expected a number, got "x"' });
    expect(validate(list(int(), 2), [1, 2, 3])).toEqual({
      ok: false,
      error: 'value: expected at most 2 items, got array',
    });
  });

  it('tries union alternatives in order, and names them all when none fits', () => {
    const s = z.union([z.strictObject({ a: z.boolean() }), z.strictObject({ b: z.boolean() })]);
    expect(validate(s, { b: true })).toEqual({ ok: true, value: { b: true } });
    expect(validate(z.union([z.enum(['x']), z.boolean()]), 3, 'tls')).toEqual({
      ok: false,
      error: 'tls: expected "x", got number; or tls: expected a boolean, got number',
    });
  });

  it('names the discriminator of a discriminated union', () => {
    const s = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('a') }),
      z.strictObject({ kind: z.literal('b'), n: int() }),
    ]);
    expect(validate(s, { kind: 'c' })).toEqual({ ok: false, error: 'kind: expected "a" | "b", got "c"' });
    expect(validate(s, {})).toEqual({ ok: false, error: 'kind: expected "a" | "b", got undefined' });
    expect(validate(s, { kind: 'b', n: 0.5 })).toEqual({ ok: false, error: 'n: expected an integer, got number' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = validate(account, value);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
