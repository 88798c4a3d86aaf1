import { numberToBytesLE } from '@noble/curves/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import { encodePoint, multiplyBase, Q } from '../crypto/ed448';
import { DH3072_PRIME } from '../crypto/dh3072';
import { RING_SIG_BYTES } from '../crypto/rsig';
import { EDDSA_SIG_BYTES, MAC_BYTES, PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING, V4Reader, V4Writer } from './codec';

const scalar = fc.bigInt({ min: 0n, max: Q - 1n });
const reader = (w: V4Writer) => new V4Reader(w.finish());

function wireError(read: () => unknown): void {
  expect(read).toThrow(WireError);
}

describe('the v4 codec', () => {
  it('round-trips LONG as 8 signed big-endian bytes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (v) => {
        const bytes = new V4Writer().long(v).finish();
        expect(bytes).toHaveLength(8);
        expect(new V4Reader(bytes).long()).toBe(v);
      }),
    );
    expect(new V4Writer().long(-2n).finish()).toEqual(Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 254));
    expect(() => new V4Writer().long(1n << 63n)).toThrow(RangeError);
  });

  it('round-trips POINTs', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: Q - 1n }), (s) => {
        const p = multiplyBase(s);
        expect(reader(new V4Writer().point(p)).point().equals(p)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses non-canonical and small-order POINTs with a WireError', () => {
    const valid = encodePoint(multiplyBase(7n));
    const high = valid.slice();
    high[56] = (high[56] as number) | 0x01;
    const identity = new Uint8Array(57);
    identity[0] = 1;
    for (const bad of [high, identity, new Uint8Array(57)]) wireError(() => new V4Reader(bad).point());
  });

  it('round-trips SCALARs and refuses any >= q with a WireError', () => {
    fc.assert(
      fc.property(scalar, (s) => {
        expect(reader(new V4Writer().scalar(s)).scalar()).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: Q, max: (1n << 456n) - 1n }), (s) => {
        wireError(() => new V4Reader(numberToBytesLE(s, 57)).scalar());
      }),
    );
  });

  it('round-trips typed keys and refuses another type', () => {
    const key = encodePoint(multiplyBase(3n));
    const bytes = new V4Writer().typedKey(PUBKEY_TYPE_ED448, key).finish();
    expect(bytes.subarray(0, 2)).toEqual(Uint8Array.of(0x00, 0x10));
    expect(new V4Reader(bytes).typedKey(PUBKEY_TYPE_ED448, 'H')).toEqual(key);
    wireError(() => new V4Reader(bytes).typedKey(PUBKEY_TYPE_FORGING, 'F'));
  });

  it('round-trips 3072-bit MPIs, zero as the empty MPI', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: DH3072_PRIME - 1n }), (v) => {
        expect(reader(new V4Writer().mpi(v)).dhMpi()).toBe(v);
      }),
    );
    expect(new V4Writer().mpi(0n).finish()).toEqual(new Uint8Array(4));
  });

  it('refuses an MPI with a leading zero byte or longer than 384 bytes', () => {
    wireError(() => reader(new V4Writer().data(Uint8Array.of(0, 5))).dhMpi());
    wireError(() => reader(new V4Writer().data(new Uint8Array(385).fill(1))).dhMpi());
  });

  it('reads MACs, EdDSA signatures and ring signatures at their fixed sizes', () => {
    const r = new V4Reader(new Uint8Array(MAC_BYTES + EDDSA_SIG_BYTES + RING_SIG_BYTES));
    expect(r.mac()).toHaveLength(64);
    expect(r.eddsaSignature()).toHaveLength(114);
    expect(r.ringSignature().c).toEqual([0n, 0n, 0n]);
    r.end('the test');
  });

  it('refuses sender tags below 0x100 and receiver tags in 1..0xff, but a receiver tag of 0', () => {
    expect(reader(new V4Writer().int(0x100)).senderTag()).toBe(0x100);
    wireError(() => reader(new V4Writer().int(0xff)).senderTag());
    wireError(() => reader(new V4Writer().int(0)).senderTag());
    expect(reader(new V4Writer().int(0)).receiverTag()).toBe(0);
    expect(reader(new V4Writer().int(0xffffffff)).receiverTag()).toBe(0xffffffff);
    wireError(() => reader(new V4Writer().int(1)).receiverTag());
  });

  it('gives the bytes read since a position, without copying', () => {
    const input = Uint8Array.of(1, 2, 3, 4, 5, 6);
    const r = new V4Reader(input);
    r.byte();
    const start = r.position;
    r.int();
    const since = r.bytesSince(start);
    expect(since).toEqual(Uint8Array.of(2, 3, 4, 5));
    expect(since.buffer).toBe(input.buffer);
  });

  it('throws nothing but WireError on random input, whatever it reads', () => {
    const reads: ((r: V4Reader) => unknown)[] = [
      (r) => r.long(),
      (r) => r.point(),
      (r) => r.scalar(),
      (r) => r.mac(),
      (r) => r.eddsaSignature(),
      (r) => r.typedKey(PUBKEY_TYPE_ED448, 'H'),
      (r) => r.dhMpi(),
      (r) => r.ringSignature(),
      (r) => r.senderTag(),
      (r) => r.receiverTag(),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(reads.length - 1), (bytes, which) => {
        try {
          (reads[which] as (r: V4Reader) => unknown)(new V4Reader(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
