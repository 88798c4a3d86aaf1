import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyLines, isWellFormed, splitBody, splitLine, utf8Bytes } from './split';

/** Text that stresses the splitter: multi-byte characters, clusters, whitespace runs. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'Z', ' ', '\t', '  ', 'é', 'e\u0301', '€', 'ß', '😀', '👩‍👩‍👧', '🇫🇷', '\u{10FFFF}', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
  maxLength: 400,
});

describe('utf8Bytes', () => {
  it('counts bytes as Buffer does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Bytes(s) === Buffer.byteLength(s, 'utf8')));
  });
});

describe('splitLine', () => {
  it('returns a line that fits unchanged', () => {
    expect(splitLine('hello', 5)).toEqual(['hello']);
  });

  it('every part fits, none is empty, and the parts concatenate to the input', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 4, max: 64 }), (line, max) => {
        const parts = splitLine(line, max);
        for (const part of parts) {
          expect(utf8Bytes(part)).toBeLessThanOrEqual(max);
          if (line.length > 0) expect(part.length).toBeGreaterThan(0);
        }
        expect(parts.join('')).toBe(line);
      }),
      { numRuns: 500 },
    );
  });

  it('never splits inside a UTF-8 character: each part encodes and decodes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 4, max: 40 }), (line, max) => {
        const parts = splitLine(line, max);
        for (const part of parts) {
          expect(isWellFormed(part)).toBe(true);
          expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
        }
        // Byte-level: the parts' bytes, joined, are the line's bytes.
        expect(Buffer.concat(parts.map((p) => Buffer.from(p, 'utf8')))).toEqual(Buffer.from(line, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps grapheme clusters whole when they fit', () => {
    const family = '👩‍👩‍👧'; // 18 bytes
    const parts = splitLine(family.repeat(3), 40);
    expect(parts).toEqual([family + family, family]);
  });

  it('breaks before a space, so no part ends in whitespace that a server could strip', () => {
    expect(splitLine('hello world again', 12)).toEqual(['hello world', ' again']);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 60 }), (words) => {
        const line = words.join(' ');
        for (const part of splitLine(line, 30).slice(0, -1)) expect(part).not.toMatch(/\s$/);
      }),
    );
  });

  it('keeps an OTR whitespace tag in one part', () => {
    const tag = ' \t  \t\t\t\t \t \t \t    \t\t  \t   \t\t  \t '; // base tag + v3
    const line = `${'x'.repeat(30)}${tag}`;
    const parts = splitLine(line, 40);
    expect(parts.some((p) => p.includes(tag))).toBe(true);
  });

  it('cuts a line without spaces exactly at the limit', () => {
    expect(splitLine('é'.repeat(5), 4)).toEqual(['éé', 'éé', 'é']);
    expect(splitLine('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('refuses a limit smaller than the widest character', () => {
    expect(() => splitLine('abc', 3)).toThrow(RangeError);
  });
});

describe('bodyLines and splitBody', () => {
  it('sends each line of a multi-line body separately, without empty lines', () => {
    expect(bodyLines('one\r\ntwo\nthree\rfour\n\n')).toEqual(['one', 'two', 'three', 'four']);
  });

  it('keeps whitespace at the ends of a line exactly as given', () => {
    expect(splitBody('  padded \t ', 100)).toEqual(['  padded \t ']);
  });

  it('splits every line to the limit and loses nothing but line breaks', () => {
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 5 }), fc.integer({ min: 4, max: 50 }), (lines, max) => {
        const body = lines.join('\n');
        const parts = splitBody(body, max);
        for (const part of parts) expect(utf8Bytes(part)).toBeLessThanOrEqual(max);
        expect(parts.join('')).toBe(body.replace(/\r\n|\r|\n/g, ''));
      }),
    );
  });
});
