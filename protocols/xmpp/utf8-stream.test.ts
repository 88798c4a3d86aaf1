import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8StreamDecoder } from './utf8-stream';

describe('Utf8StreamDecoder', () => {
  it('decodes any text however its bytes are cut, without reporting anything', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        (text, sizes) => {
          const bytes = Buffer.from(text, 'utf8');
          const decoder = new Utf8StreamDecoder();
          let out = '';
          let i = 0;
          let k = 0;
          while (i < bytes.length) {
            const size = sizes[k++ % sizes.length] ?? 1;
            const r = decoder.decode(bytes.subarray(i, i + size));
            expect(r.invalid).toBe(false);
            out += r.text;
            i += size;
          }
          expect(out).toBe(text);
        },
      ),
    );
  });

  it('keeps a leading U+FEFF of a chunk as text', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Buffer.from('a')).text + decoder.decode(Buffer.from('\uFEFFb')).text).toBe('a\uFEFFb');
  });

  it('replaces bytes that are not UTF-8 and says so', () => {
    const decoder = new Utf8StreamDecoder();
    const r = decoder.decode(Buffer.from([0x61, 0xc3, 0x28, 0xff, 0x62]));
    expect(r).toEqual({ text: 'a\uFFFD(\uFFFDb', invalid: true });
    expect(decoder.decode(Buffer.from('ok'))).toEqual({ text: 'ok', invalid: false });
  });

  it('forgets an unfinished character on reset', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Buffer.from([0xe2, 0x82])).text).toBe('');
    decoder.reset();
    expect(decoder.decode(Buffer.from('x'))).toEqual({ text: 'x', invalid: false });
  });
});
