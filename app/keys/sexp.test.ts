import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSexp, SexpSyntaxError, type Sexp, type SexpList } from './sexp';
import { atom, atomEncoding, list, printSexpAdvanced } from './sexp-print';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const parse = (s: string) => parseSexp(enc(s));
const print = (l: SexpList) => dec(printSexpAdvanced(l));

/** The tree without line numbers, atoms as byte arrays, for comparisons. */
const shape = (s: Sexp): unknown => (s.kind === 'atom' ? Array.from(s.bytes) : s.items.map(shape));

function syntaxError(text: string | Uint8Array): SexpSyntaxError {
  try {
    parseSexp(typeof text === 'string' ? enc(text) : text);
  } catch (error) {
    if (error instanceof SexpSyntaxError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('reading libgcrypt s-expressions', () => {
  it('reads tokens, quoted strings, #hex#, |base64| and length-prefixed atoms', () => {
    const root = parse('(a "b c" #00FF# |aGk=| 3:x)y)');
    expect(shape(root)).toEqual([
      [0x61],
      Array.from(enc('b c')),
      [0x00, 0xff],
      Array.from(enc('hi')),
      Array.from(enc('x)y')),
    ]);
  });

  it('decodes every escape libgcrypt writes or reads in quoted strings', () => {
    const root = parse('(n "\\b\\t\\v\\n\\f\\r\\"\\\'\\\\ \\x00\\x7F \\101 a\\\nb")');
    expect(shape(root)).toEqual([
      [0x6e],
      [8, 9, 11, 10, 12, 13, 0x22, 0x27, 0x5c, 0x20, 0, 0x7f, 0x20, 0x41, 0x20, 0x61, 0x62],
    ]);
  });

  it('allows whitespace anywhere between elements and inside #hex#', () => {
    const root = parse('\r\n  ( privkeys\t(p #00 90\n4D#)\r\n)\n\n');
    expect(shape(root)).toEqual([Array.from(enc('privkeys')), [[0x70], [0x00, 0x90, 0x4d]]]);
  });

  it('records the line each element starts on', () => {
    const root = parse('(a\n(b\n"x\ny" c))');
    const inner = root.items[1] as SexpList;
    expect(inner.line).toBe(2);
    expect(inner.items[2]?.line).toBe(4);
  });

  it.each([
    ['(a', 1, 'never closed'],
    ['(a\n(b)\n', 1, 'never closed'],
    ['(a))', 1, 'after the closing'],
    [')', 1, 'without a matching'],
    ['(a)(b)', 1, 'after the closing'],
    ['(a "unterminated)', 1, 'never closed'],
    ['(a\n#0G#)', 2, 'not a hex digit'],
    ['(a #ABC#)', 1, 'odd number'],
    ['(a |a*b|)', 1, 'not base64'],
    ['(a 12x)', 1, 'length prefix'],
    ['(a 5:xx)', 1, 'past the end'],
    ['(a 99:xx)', 1, 'longer than the file'],
    ['(a "\\q")', 1, 'unknown escape'],
    ['(a "\\xZZ")', 1, 'two hex digits'],
    ['(a [hint] b)', 1, 'display hints'],
    ['(a\n\n@)', 3, 'unexpected byte 0x40'],
    ['token', 1, 'outside any list'],
    ['', 1, 'empty'],
    ['   \n ', 2, 'empty'],
  ])('refuses %j with the line (%i) and a reason', (text, line, reason) => {
    const error = syntaxError(text);
    expect(error.line).toBe(line);
    expect(error.message).toContain(reason);
  });

  it('refuses nesting deeper than a key file has, without exhausting the stack', () => {
    expect(syntaxError('('.repeat(100_000)).message).toContain('nested more than');
  });

  it('never quotes the text in its errors', () => {
    expect(syntaxError('(x #00SECRET#)').message).not.toContain('SECRET');
    expect(syntaxError('(x "SECRET)').message).not.toContain('SECRET');
  });

  it('throws only SexpSyntaxError, whatever the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseSexp(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(SexpSyntaxError);
        }
      }),
    );
  });
});

describe('printing as gcry_sexp_sprint(GCRYSEXP_FMT_ADVANCED)', () => {
  it('lays out a private key as libgcrypt does', () => {
    const key = list(
      atom('private-key'),
      list(
        atom('dsa'),
        list(atom('p'), atom(Uint8Array.of(0, 0x90))),
        list(atom('x'), atom(Uint8Array.of(0x4c, 0x05))),
      ),
    );
    expect(print(key)).toBe('(private-key \n (dsa \n  (p #0090#)\n  (x #4C05#)\n  )\n )\n');
  });

  it('prints (name …) and (protocol …) on one line', () => {
    expect(print(list(atom('name'), atom('alice@example.org/Pidgin')))).toBe('(name "alice@example.org/Pidgin")\n');
    expect(print(list(atom('protocol'), atom('prpl-jabber')))).toBe('(protocol prpl-jabber)\n');
  });

  it.each([
    ['bob', 'token'],
    ['prpl-irc', 'token'],
    ['a.b/c_d:e*f+g=h', 'token'],
    ['1bob', 'string'],
    ['bob@example.org', 'string'],
    ['with space', 'string'],
    ['', 'string'],
    ['tab\there', 'string'],
    ['caf\u00e9', 'string'],
    ['\u00e9mile', 'hex'],
    ['bell\u0007', 'hex'],
    ['del\u007f', 'hex'],
  ])('encodes %j as a %s, as libgcrypt chooses', (text, expected) => {
    expect(atomEncoding(enc(text))).toBe(expected);
  });

  it('uses hex for bytes that start with 00 or a byte >= 0x80, or hold 0x80-0xA0 anywhere', () => {
    expect(atomEncoding(Uint8Array.of(0, 0x41))).toBe('hex');
    expect(atomEncoding(Uint8Array.of(0x90, 0x41))).toBe('hex');
    expect(atomEncoding(Uint8Array.of(0x41, 0x85))).toBe('hex');
    expect(atomEncoding(Uint8Array.of(0x41, 0xa1))).toBe('string');
  });

  it('escapes quoted strings as libgcrypt does, NUL included', () => {
    expect(print(list(atom('n'), atom(Uint8Array.of(0x41, 0x22, 0x27, 0x5c, 0x09, 0x0a, 0x00, 0xa1))))).toBe(
      `(n "A\\"\\'\\\\\\t\\n\\x00${String.fromCharCode(0xfffd)}")\n`,
    );
  });

  const tree: fc.Arbitrary<SexpList> = fc.letrec<{ node: Sexp; list: SexpList }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.uint8Array({ maxLength: 24 }).map((b) => atom(b)),
      tie('list'),
    ),
    list: fc.array(tie('node'), { maxLength: 5 }).map((items) => list(...items)),
  })).list;

  it('reads back exactly what it prints (property)', () => {
    fc.assert(
      fc.property(tree, (root) => {
        expect(shape(parseSexp(printSexpAdvanced(root)))).toEqual(shape(root));
      }),
      { numRuns: 500 },
    );
  });
});
