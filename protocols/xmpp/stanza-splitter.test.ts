import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StanzaSplitter } from './stanza-splitter';

function run(input: string, limit = 1000, chunkSizes: number[] = [input.length || 1]) {
  const writes: string[] = [];
  const oversized: Array<[string, number]> = [];
  const tooLarge: Array<[string, number]> = [];
  const splitter = new StanzaSplitter(limit, {
    write: (t) => writes.push(t),
    oversized: (n, s) => oversized.push([n, s]),
    tooLarge: (what, s) => tooLarge.push([what, s]),
  });
  let i = 0;
  let k = 0;
  while (i < input.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] ?? 1);
    splitter.write(input.slice(i, i + size));
    i += size;
  }
  return { writes, oversized, tooLarge };
}

/** Characters the splitter holds at the moment. */
function held(splitter: StanzaSplitter): number {
  return (splitter as unknown as { unit: string[] }).unit.reduce((n, s) => n + s.length, 0);
}

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

describe('StanzaSplitter', () => {
  it('hands over the stream header, each stanza whole, and the stream end, without whitespace between', () => {
    const stanzas = [
      "<message to='a@b' id='1'><body>hi &amp; bye</body></message>",
      "<presence from='x@y/z'/>",
      "<iq type='get' id='q'><query xmlns='jabber:iq:roster'/></iq>",
    ];
    const { writes } = run(`${HEADER}\n ${stanzas.join('\n \t')} </stream:stream>`);
    expect(writes).toEqual([HEADER.slice("<?xml version='1.0'?>".length), ...stanzas, '</stream:stream>']);
  });

  it('finds boundaries through quoted > and /, comments, CDATA and nested elements of the same name', () => {
    const tricky = `<message a='x>y' b="/>"><body><![CDATA[</message> <b>]]></body><!-- </message> --><message><message/></message><?pi </message>?></message>`;
    const { writes } = run(`${HEADER}${tricky}<presence/>`);
    expect(writes.slice(1)).toEqual([tricky, '<presence/>']);
  });

  it('gives the same stanzas however the text is cut into chunks', () => {
    const stanzas = [
      "<message to='a@b'><body>é 🦊 'q' \"d\"</body></message>",
      "<presence type='unavailable'/>",
      "<a x='1'><b><c/></b><![CDATA[<]]></a>",
    ];
    const input = `${HEADER}${stanzas.join(' ')}`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(run(input, 1000, sizes).writes.slice(1)).toEqual(stanzas);
      }),
    );
  });

  it('replaces a stanza over the limit by its empty start tag, in any chunking, and goes on', () => {
    const big = `<message from='m@x/r' id='big'><body>${'A'.repeat(5000)}</body></message>`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 5 }), (sizes) => {
        const { writes, oversized } = run(`${HEADER}${big}<presence/>`, 1000, sizes);
        expect(writes.slice(1)).toEqual(["<message from='m@x/r' id='big'></message>", '<presence/>']);
        expect(oversized).toEqual([['message', big.length]]);
      }),
    );
  });

  it('replaces a stanza whose start tag alone is over the limit by a bare element of that name', () => {
    const { writes, oversized } = run(
      `${HEADER}<presence from='${'x'.repeat(3000)}'><status>s</status></presence><iq/>`,
      1000,
      [100],
    );
    expect(writes.slice(1)).toEqual(['<presence/>', '<iq/>']);
    expect(oversized[0]?.[0]).toBe('presence');
  });

  it('never keeps more than about the limit plus one chunk', () => {
    const chunks: string[] = [HEADER, '<message><body>'];
    for (let i = 0; i < 1000; i++) chunks.push('B'.repeat(10_000));
    chunks.push('</body></message>');
    const splitter = new StanzaSplitter(50_000, {
      write: () => undefined,
      oversized: () => undefined,
      tooLarge: () => undefined,
    });
    for (const c of chunks) splitter.write(c);
    expect(held(splitter)).toBeLessThanOrEqual(60_000);
  });

  describe('holds every unit to the limit, not only stanzas', () => {
    const unterminated = {
      'a start tag': "<stream:stream xmlns='jabber:client' from='",
      'a comment': '<!-- ',
      'a processing instruction': '<?xml ',
      'a CDATA section': '<![CDATA[',
    };
    /** Feeds `opening` and then 3 MB of filler in 10 kB chunks, as a hostile server would. */
    function flood(prefix: string, opening: string) {
      const writes: string[] = [];
      const tooLarge: Array<[string, number]> = [];
      const oversized: string[] = [];
      const splitter = new StanzaSplitter(50_000, {
        write: (t) => writes.push(t),
        oversized: (n) => oversized.push(n),
        tooLarge: (w, s) => tooLarge.push([w, s]),
      });
      splitter.write(prefix + opening);
      let most = 0;
      for (let i = 0; i < 300; i++) {
        splitter.write('x'.repeat(10_000));
        most = Math.max(most, held(splitter));
      }
      return { writes, tooLarge, oversized, most };
    }

    for (const [kind, opening] of Object.entries(unterminated)) {
      it(`ends the stream over ${kind} left open before the stream header`, () => {
        const { writes, tooLarge, most } = flood('', opening);
        expect(most).toBeLessThanOrEqual(60_000);
        expect(writes).toEqual([]);
        expect(tooLarge).toHaveLength(1);
        expect(tooLarge[0]?.[0]).toBe(kind === 'a start tag' ? 'a stream header' : kind);
        expect(tooLarge[0]?.[1]).toBeGreaterThan(50_000);
      });
    }

    for (const [kind, opening] of Object.entries(unterminated)) {
      it(`never holds ${kind} left open after the stream header`, () => {
        const { writes, tooLarge, oversized, most } = flood(HEADER, opening.replace('stream:stream', 'message'));
        expect(most).toBeLessThanOrEqual(60_000);
        expect(writes).toHaveLength(1);
        // A stanza's start tag is only skipped (it still gets its stand-in once it ends); anything else ends the stream.
        expect(oversized).toEqual([]);
        expect(tooLarge.map(([what]) => what)).toEqual(kind === 'a start tag' ? [] : [kind]);
      });
    }

    it('ends the stream over a unit too large even when it arrives whole in one chunk, and reads nothing after', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 5 }), (sizes) => {
          const { writes, tooLarge } = run(`${HEADER}<presence/><!-- ${'c'.repeat(2000)} --><presence/>`, 1000, sizes);
          expect(writes.slice(1)).toEqual(['<presence/>']);
          expect(tooLarge.map(([what]) => what)).toEqual(['a comment']);
        }),
      );
    });

    it('still passes on a stream header, comments and instructions within the limit', () => {
      const { writes, tooLarge } = run(`<?xml version='1.0'?><!-- hi -->${HEADER}<!-- c --><?pi x?><presence/>`);
      expect(writes).toEqual([HEADER.slice("<?xml version='1.0'?>".length), '<presence/>']);
      expect(tooLarge).toEqual([]);
    });
  });
});
