import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer';

function framer(max?: number) {
  const oversized: number[] = [];
  return { f: new LineFramer((n) => oversized.push(n), max), oversized };
}

describe('LineFramer', () => {
  it('splits on CR LF and bare LF, across chunk boundaries, skipping empty lines', () => {
    const { f } = framer();
    const out = [
      ...f.push(Buffer.from(':a PRIVMSG b :hel')),
      ...f.push(Buffer.from('lo  \r\n\r\nPING x\nPI')),
      ...f.push(Buffer.from('NG y\r\n')),
    ];
    expect(out.map((l) => l.text)).toEqual([':a PRIVMSG b :hello  ', 'PING x', 'PING y']);
  });

  it('decodes a character split between two chunks', () => {
    const { f } = framer();
    const bytes = Buffer.from('x :é€😀\r\n');
    const out = [...f.push(bytes.subarray(0, 5)), ...f.push(bytes.subarray(5))];
    expect(out).toEqual([{ text: 'x :é€😀', invalidUtf8: false }]);
  });

  it('flags invalid UTF-8 and replaces only the bad bytes', () => {
    const { f } = framer();
    const out = f.push(
      Buffer.concat([Buffer.from(':m PRIVMSG me :ok '), Buffer.from([0xff, 0xc3]), Buffer.from(' end\r\n')]),
    );
    expect(out).toEqual([{ text: ':m PRIVMSG me :ok \uFFFD\uFFFD end', invalidUtf8: true }]);
  });

  it('drops a 10 MB line as it streams, reports its size once, and keeps framing', () => {
    const { f, oversized } = framer();
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let out = f.push(Buffer.from(':m PRIVMSG me :'));
    for (let i = 0; i < 160; i++) out = out.concat(f.push(chunk));
    out = out.concat(f.push(Buffer.from('\r\nPING ok\r\n')));
    expect(out.map((l) => l.text)).toEqual(['PING ok']);
    expect(oversized).toEqual([15 + 160 * 64 * 1024 + 1]);
  });

  it('reports a long line cut short by the end of the connection', () => {
    const { f, oversized } = framer(100);
    f.push(Buffer.alloc(500, 0x41));
    f.finish();
    expect(oversized).toEqual([500]);
  });

  it('returns the same lines however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 10 },
        ),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }),
        (lines, cuts) => {
          const stream = Buffer.from(lines.map((l) => `${l}\r\n`).join(''));
          const { f } = framer();
          const out: string[] = [];
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length] ?? 1;
            out.push(...f.push(stream.subarray(at, at + size)).map((l) => l.text));
            at += size;
          }
          expect(out).toEqual(lines);
        },
      ),
    );
  });
});
