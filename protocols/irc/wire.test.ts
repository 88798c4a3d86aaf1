import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase, parseRawLine } from './wire';

describe('parseRawLine', () => {
  it('reads source, command and params with a trailing parameter kept as it is', () => {
    expect(parseRawLine('@time=x :bob!~b@h PRIVMSG alice :hi there  ')).toEqual({
      source: { nick: 'bob', user: '~b', host: 'h' },
      command: 'PRIVMSG',
      params: ['alice', 'hi there  '],
    });
    expect(parseRawLine(':irc.x 001 me :Welcome me!u@h')).toMatchObject({
      source: { nick: 'irc.x' },
      command: '001',
      params: ['me', 'Welcome me!u@h'],
    });
    expect(parseRawLine('PING :x')).toEqual({ source: undefined, command: 'PING', params: ['x'] });
  });

  it('returns undefined for a line without a command and never throws', () => {
    expect(parseRawLine(':only-a-prefix')).toBeUndefined();
    expect(parseRawLine('@tags-only')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseRawLine(s);
      }),
    );
  });
});

describe('foldCase', () => {
  it('follows rfc1459, strict-rfc1459 and ascii casemapping', () => {
    expect(foldCase('Nick[]\\~', 'rfc1459')).toBe('nick{}|^');
    expect(foldCase('Nick[]\\~', 'strict-rfc1459')).toBe('nick{}|~');
    expect(foldCase('Nick[]Ä', 'ascii')).toBe('nick[]Ä');
  });
});
