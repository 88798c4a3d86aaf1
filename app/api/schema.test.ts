import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { array, boolean, integer, literal, object, optional, string, union } from './schema';

describe('runtime schemas', () => {
  const account = object({ id: string({ minLength: 1 }), port: optional(integer(1, 65535)), tls: literal('starttls', 'direct') });

  it('accepts a valid object and drops absent optionals', () => {
    expect(account.check({ id: 'a', tls: 'direct' })).toEqual({ ok: true, value: { id: 'a', tls: 'direct' } });
  });

  it('names the path of the first problem', () => {
    expect(account.check({ id: 'a', port: 70000, tls: 'direct' })).toEqual({ ok: false, error: 'port: expected integer in 1..65535, got number' });
    expect(account.check({ id: '', tls: 'direct' })).toMatchObject({ ok: false, error: expect.stringMatching(/^id: /) });
  });

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    expect(account.check({ id: 'a', tls: 'direct', prot: 1 })).toEqual({ ok: false, error: 'prot: unknown field' });
  });

  it('checks array items with their index', () => {
    expect(array(integer()).check([1, 'x'])).toEqual({ ok: false, error: '[1]: expected integer in -9007199254740991..9007199254740991, got "x"' });
  });

  it('tries union alternatives in order', () => {
    const s = union(object({ a: boolean }), object({ b: boolean }));
    expect(s.check({ b: true })).toEqual({ ok: true, value: { b: true } });
    expect(s.check({ c: true }).ok).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = account.check(value);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
