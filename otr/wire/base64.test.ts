import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, STRICT } from './base64';

/** The decoder this one replaced: the pattern, then atob. */
function reference(text: string): Uint8Array | undefined {
  if (!STRICT.test(text)) return undefined;
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const nearBase64 = fc.string({ unit: fc.constantFrom(...'AQgw/+z9=  =.-_\n\u00e9'), maxLength: 14 });

describe('strict base64', () => {
  it('round-trips every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(decodeBase64(encodeBase64(b))).toEqual(b);
      }),
    );
  });

  it('refuses and decodes exactly as the pattern and atob did, on strings near base64', () => {
    fc.assert(
      fc.property(nearBase64, (t) => {
        expect(decodeBase64(t)).toEqual(reference(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the pattern’s refusals: padding inside, too much padding, whitespace, a wrong length', () => {
    for (const t of ['QQ==QQ==', 'Q===', '====', 'QUJD\n', 'QUJ', ' QUJD', 'QUJD=', 'QR=a'])
      expect(decodeBase64(t)).toBeUndefined();
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(decodeBase64('QR==')).toEqual(reference('QR=='));
  });
});
