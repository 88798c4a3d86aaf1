import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import { encodePoint, multiplyBase } from '../crypto/ed448';
import { type DataMessageBody, decodeDataMessage, encodeDataMessage, encodeDataSections } from './data-message';

const body: DataMessageBody = {
  senderTag: 0x1234_5678,
  receiverTag: 0x8765_4321,
  flags: 0x01,
  previousChainLength: 7,
  ratchetId: 3,
  messageId: 2,
  ecdh: encodePoint(multiplyBase(12345n)),
  dh: Uint8Array.of(0x81, 2, 3),
  encrypted: Uint8Array.of(9, 8, 7, 6),
};
const mac = new Uint8Array(64).fill(0xaa);
const oldMacKeys = new Uint8Array(128).fill(0x55);
const encoded = () => encodeDataMessage(encodeDataSections(body), mac, oldMacKeys);

function wireError(bytes: Uint8Array, message: RegExp): void {
  expect(() => decodeDataMessage(bytes)).toThrow(WireError);
  expect(() => decodeDataMessage(bytes)).toThrow(message);
}

describe('the v4 Data Message', () => {
  it('round-trips every field, and opens with version 4 and type 3 ("?OTR:AAQD")', () => {
    const bytes = encoded();
    expect(btoa(String.fromCharCode(...bytes.subarray(0, 3)))).toBe('AAQD');
    const m = decodeDataMessage(bytes);
    expect(m).toMatchObject({ ...body, mac, oldMacKeys });
  });

  it('hands over, as authenticated, exactly the bytes from the protocol version to the end of the encrypted message', () => {
    const sections = encodeDataSections(body);
    const m = decodeDataMessage(encodeDataMessage(sections, mac, oldMacKeys));
    expect(m.authenticated).toEqual(sections);
    expect(sections).toHaveLength(2 + 1 + 4 + 4 + 1 + 4 + 4 + 4 + 57 + 4 + 3 + 4 + 4);
  });

  it('writes an empty DH key as a zero length', () => {
    const sections = encodeDataSections({ ...body, dh: new Uint8Array(0) });
    expect(Array.from(sections.subarray(81, 85))).toEqual([0, 0, 0, 0]);
    expect(decodeDataMessage(encodeDataMessage(sections, mac, new Uint8Array(0))).dh).toHaveLength(0);
  });

  it('refuses another message type, and a receiver tag of 0', () => {
    const bytes = encoded();
    bytes[2] = 0x35;
    wireError(bytes, /not a Data Message/);
    const noReceiver = encodeDataMessage(encodeDataSections({ ...body, receiverTag: 0 }), mac, oldMacKeys);
    wireError(noReceiver, /receiver/);
  });

  it('refuses a DH key longer than 384 bytes or with a leading zero, without decoding it', () => {
    const long = new Uint8Array(385).fill(1);
    const sections = encodeDataSections({ ...body, dh: new Uint8Array(0) });
    const withDh = (dh: Uint8Array) => {
      const head = sections.subarray(0, 81);
      const tail = sections.subarray(85);
      const out = new Uint8Array(head.length + 4 + dh.length + tail.length);
      out.set(head);
      new DataView(out.buffer).setUint32(81, dh.length);
      out.set(dh, 85);
      out.set(tail, 85 + dh.length);
      return encodeDataMessage(out, mac, oldMacKeys);
    };
    wireError(withDh(long), /too long/);
    wireError(withDh(Uint8Array.of(0, 1)), /minimal/);
    expect(decodeDataMessage(withDh(new Uint8Array(384).fill(0xff))).dh).toHaveLength(384);
  });

  it('refuses old MAC keys that are not whole 64-byte keys, and trailing bytes', () => {
    const sections = encodeDataSections(body);
    const ragged = encodeDataMessage(sections, mac, new Uint8Array(0));
    const withRagged = new Uint8Array(ragged.length + 3);
    withRagged.set(ragged);
    new DataView(withRagged.buffer).setUint32(ragged.length - 4, 3);
    wireError(withRagged, /64-byte/);
    wireError(new Uint8Array([...encoded(), 0]), /trailing/);
  });

  it('refuses on encoding what could not be decoded', () => {
    expect(() => encodeDataSections({ ...body, ecdh: new Uint8Array(56) })).toThrow(RangeError);
    expect(() => encodeDataSections({ ...body, dh: Uint8Array.of(0, 1) })).toThrow(RangeError);
    expect(() => encodeDataMessage(encodeDataSections(body), new Uint8Array(63), oldMacKeys)).toThrow(RangeError);
  });

  it('decodes any bytes with at most a WireError, truncations and single-byte changes of a valid message included', () => {
    const valid = encoded();
    const onlyWireErrors = (bytes: Uint8Array) => {
      try {
        decodeDataMessage(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(WireError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyWireErrors), { seed: 4, numRuns: 500 });
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: valid.length - 1 }),
        fc.nat({ max: 255 }),
        (cut, at, v) => {
          const changed = valid.slice();
          changed[at] = v;
          onlyWireErrors(valid.subarray(0, cut));
          onlyWireErrors(changed);
        },
      ),
      { seed: 5, numRuns: 500 },
    );
  });
});
