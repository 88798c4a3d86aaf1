import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import { runSmpV4 } from '../../test-support/v4-smp';
import { decodeSmpTlv } from './messages';

/** Decoding either succeeds or throws a WireError: nothing else escapes. */
function onlyWireError(type: number, value: Uint8Array): void {
  try {
    decodeSmpTlv({ type, value });
  } catch (e) {
    expect(e).toBeInstanceOf(WireError);
  }
}

// Real messages of a whole SMP with a question, to mutate.
const { alice, bob } = runSmpV4('secret', 'secret', { question: 'Who?', seed: 'fuzz' });
const real = [alice.sent[0], bob.sent[0], alice.sent[1], bob.sent[1]].map((t) => {
  if (!t) throw new Error('the SMP did not run to the end');
  return t;
});

describe('SMP v4 decoders on hostile bytes', () => {
  it('throw nothing but WireError on random bytes of any SMP type', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.uint8Array({ maxLength: 800 }), (type, value) => {
        onlyWireError(type, value);
      }),
      { numRuns: 400 },
    );
  });

  it('throw nothing but WireError on random bytes of exactly a message length', () => {
    const lengths = real.map((t) => [t.type, t.value.length] as const);
    const exact = fc
      .constantFrom(...lengths)
      .chain(([type, n]) => fc.tuple(fc.constant(type), fc.uint8Array({ minLength: n, maxLength: n })));
    fc.assert(
      fc.property(exact, ([type, value]) => {
        onlyWireError(type, value);
      }),
      { numRuns: 100 },
    );
  });

  it('throw nothing but WireError on real messages with bytes changed, cut or added', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 60 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...real), fc.array(edit, { minLength: 1, maxLength: 3 }), (tlv, edits) => {
        let value = tlv.value.slice();
        for (const e of edits) {
          if (e.kind === 'set') value[e.at % value.length] = e.byte;
          else if (e.kind === 'cut') value = value.subarray(0, e.at % (value.length + 1));
          else value = new Uint8Array([...value, ...e.bytes]);
          if (value.length === 0) break;
        }
        onlyWireError(tlv.type, value);
      }),
      { numRuns: 150 },
    );
  });
});
