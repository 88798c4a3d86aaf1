import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { Reader, WireError } from './codec';
import { DEFAULT_REASSEMBLY_LIMITS, FragmentReassembler, fragmentMessage, parseFragment } from './fragments';
import { decodeMessage, encodeMessage, type BinaryMessage } from './messages';
import {
  classify,
  encodeOtrMessage,
  findWhitespaceTag,
  queryMessage,
  whitespaceTag,
  WHITESPACE_TAG_BASE,
  WHITESPACE_TAG_V2,
  WHITESPACE_TAG_V3,
} from './text-messages';
import { decodePlaintext, encodePlaintext } from './tlv';

const bytes = (max = 64) => fc.uint8Array({ maxLength: max });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const mpiValue = fc.bigInt({ min: 0n, max: (1n << 1536n) - 1n });
const header = fc.oneof(
  fc.record({ version: fc.constant(3 as const), senderTag: u32, receiverTag: u32 }),
  fc.record({ version: fc.constant(2 as const), senderTag: fc.constant(0), receiverTag: fc.constant(0) }),
);
const minimal = (b: Uint8Array) => {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.slice(i);
};

const message: fc.Arbitrary<BinaryMessage> = fc.oneof(
  fc
    .record({ h: header, encryptedGx: bytes(), hashedGx: bytes(32) })
    .map(({ h, ...r }) => ({ ...h, type: 'dh-commit' as const, ...r })),
  fc.record({ h: header, gy: mpiValue }).map(({ h, gy }) => ({ ...h, type: 'dh-key' as const, gy })),
  fc
    .record({
      h: header,
      revealedKey: bytes(16),
      encryptedSignature: bytes(),
      mac: fc.uint8Array({ minLength: 20, maxLength: 20 }),
    })
    .map(({ h, ...r }) => ({
      ...h,
      type: 'reveal-signature' as const,
      ...r,
    })),
  fc
    .record({ h: header, encryptedSignature: bytes(), mac: fc.uint8Array({ minLength: 20, maxLength: 20 }) })
    .map(({ h, ...r }) => ({ ...h, type: 'signature' as const, ...r })),
  fc
    .record({
      h: header,
      flags: fc.integer({ min: 0, max: 255 }),
      senderKeyId: u32,
      recipientKeyId: u32,
      nextDh: bytes(192).map(minimal),
      ctrTop: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      encrypted: bytes(200),
      mac: fc.uint8Array({ minLength: 20, maxLength: 20 }),
      oldMacKeys: bytes(60),
    })
    .map(({ h, ...r }) => ({ ...h, type: 'data' as const, ...r })),
);

describe('base64', () => {
  it('round-trips and agrees with Node', () => {
    fc.assert(
      fc.property(bytes(500), (b) => {
        const text = encodeBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(decodeBase64(text)).toEqual(b);
      }),
    );
  });

  it('refuses anything that is not strict base64', () => {
    for (const bad of ['A', 'AB=', 'AB==C', 'A B=', 'AB\n==', 'ABC*', '====', 'AA=A', 'é'])
      expect(decodeBase64(bad), bad).toBeUndefined();
  });
});

describe('binary messages', () => {
  it('decode(encode(m)) is m for every message type', () => {
    fc.assert(
      fc.property(message, (m) => {
        const { authenticated: _a, ...decoded } = decodeMessage(encodeMessage(m));
        expect(decoded).toEqual(m);
      }),
    );
  });

  it('throws only WireError on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          bytes(300),
          message.map((m) => encodeMessage(m).slice(0, -1)),
        ),
        (b) => {
          try {
            decodeMessage(b);
          } catch (err) {
            expect(err).toBeInstanceOf(WireError);
          }
        },
      ),
    );
  });

  it('never reads past the buffer, whatever a length field says', () => {
    const r = new Reader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 1, 2));
    expect(() => r.data()).toThrow(WireError);
  });
});

describe('text messages', () => {
  it('classify never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void classify(s)));
  });

  it('recognises queries in their old and new forms', () => {
    expect(classify('?OTRv23? please')).toEqual({ kind: 'query', versions: [2, 3] });
    expect(classify('?OTRv3?')).toEqual({ kind: 'query', versions: [3] });
    expect(classify('?OTR?v2?')).toEqual({ kind: 'query', versions: [1, 2] });
    expect(classify('?OTR?')).toEqual({ kind: 'query', versions: [1] });
    expect(classify('?OTRv24x?')).toEqual({ kind: 'query', versions: [2, 4] });
    expect(queryMessage([3, 2], '')).toBe('?OTRv23?');
  });

  it('finds and strips whitespace tags anywhere, even cut short at the end', () => {
    expect(classify(`hi${whitespaceTag([2, 3])}`)).toEqual({ kind: 'tagged', text: 'hi', versions: [2, 3] });
    expect(classify(`${whitespaceTag([3])}hi`)).toEqual({ kind: 'tagged', text: 'hi', versions: [3] });
    // A server stripped the final tab of the v3 tag.
    expect(findWhitespaceTag(`hi${WHITESPACE_TAG_BASE}${WHITESPACE_TAG_V2}${WHITESPACE_TAG_V3.slice(0, 7)}`)).toEqual({
      text: 'hi',
      versions: [2, 3],
    });
  });

  it('classifies errors, encoded messages and malformed envelopes', () => {
    expect(classify('?OTR Error: You sent encrypted data')).toEqual({ kind: 'error', text: 'You sent encrypted data' });
    expect(classify(encodeOtrMessage(Uint8Array.of(0, 3, 2)))).toEqual({
      kind: 'encoded',
      bytes: Uint8Array.of(0, 3, 2),
    });
    expect(classify('?OTR:AAMC')).toMatchObject({ kind: 'malformed' });
    expect(classify('?OTR:A$==.')).toMatchObject({ kind: 'malformed' });
  });

  it('keeps text and parsed TLVs when the TLVs after them are malformed', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.record({ type: fc.integer({ min: 0, max: 0xffff }), value: bytes(40) })),
        (text, tlvs) => {
          const clean = text.replace(/\0/g, '');
          expect(decodePlaintext(encodePlaintext(clean, tlvs))).toEqual({ text: clean, tlvs });
        },
      ),
    );
    expect(decodePlaintext(Uint8Array.of(104, 0, 0, 1, 0, 9, 1))).toEqual({
      text: 'h',
      tlvs: [],
      malformed: 'a truncated TLV value',
    });
  });
});

describe('fragments', () => {
  it('split and reassembled, any message at any size gives the message back', () => {
    fc.assert(
      fc.property(
        fc.base64String({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 40, max: 500 }),
        fc.constantFrom(2 as const, 3 as const),
        (body, max, version) => {
          const msg = `?OTR:${body}.`;
          const pieces = fragmentMessage(msg, max, version, 0x1234, 0x5678);
          if (msg.length <= max) {
            expect(pieces).toEqual([msg]);
            return;
          }
          for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
          const r = new FragmentReassembler();
          let result;
          for (const p of pieces) result = r.add(parseFragment(p)!, 0);
          expect(result).toEqual({ status: 'complete', message: msg });
        },
      ),
    );
  });

  it('discards illegal and out-of-order fragments, as the spec says', () => {
    const r = new FragmentReassembler();
    const f = (k: number, n: number, piece = 'x') => parseFragment(`?OTR|00000100|00000200,${k},${n},${piece},`)!;
    expect(r.add(f(0, 3), 0).status).toBe('discarded');
    expect(r.add(f(4, 3), 0).status).toBe('discarded');
    expect(r.add(f(1, 3), 0).status).toBe('incomplete');
    expect(r.add(f(3, 3), 0).status).toBe('discarded');
    expect(r.add(f(2, 3), 0).status).toBe('discarded');
  });

  it('keeps memory bounded under a flood of fragments', () => {
    const r = new FragmentReassembler();
    const piece = 'A'.repeat(60_000);
    let discarded = 0;
    for (let k = 1; k <= 200; k++) {
      const res = r.add(parseFragment(`?OTR|00000100|00000200,${k},65535,${piece},`)!, 0);
      if (res.status === 'discarded') discarded++;
      expect(r.heldChars).toBeLessThanOrEqual(DEFAULT_REASSEMBLY_LIMITS.maxMessageChars);
    }
    expect(discarded).toBeGreaterThan(0);
    // Many senders at once: only the newest few are kept.
    for (let tag = 0x100; tag < 0x100 + 1000; tag++)
      r.add(parseFragment(`?OTR|${tag.toString(16)}|00000200,1,9,${piece},`)!, 0);
    expect(r.heldChars).toBeLessThanOrEqual(DEFAULT_REASSEMBLY_LIMITS.maxSenders * piece.length);
  });

  it('forgets a partial message once it is too old', () => {
    const r = new FragmentReassembler();
    r.add(parseFragment('?OTR|00000100|00000200,1,2,abc,')!, 0);
    expect(
      r.add(parseFragment('?OTR|00000100|00000200,2,2,def,')!, DEFAULT_REASSEMBLY_LIMITS.maxAgeMs + 1).status,
    ).toBe('discarded');
  });
});
