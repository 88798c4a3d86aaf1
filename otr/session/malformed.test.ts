/**
 * Bad input from the network: each case must end in an event (never an
 * exception), show the user nothing, and leave the conversation working.
 */
import { describe, expect, it } from 'vitest';
import { nobleSymmetric } from '../crypto/primitives';
import { DH_PRIME } from '../crypto/dh-group';
import { bigintToBytes } from '../crypto/bigint';
import { sealDataMessage } from '../data/data-message';
import { ALICE_TAG, BOB_TAG, makePair, say, startOtr } from '../test-support/pair';
import { encodeBase64 } from '../wire/base64';
import { Reader } from '../wire/codec';
import { decodeMessage, encodeMessage, type DataMessage } from '../wire/messages';
import { classify, encodeOtrMessage } from '../wire/text-messages';
import type { PrivateSession } from './instance-session';

function established() {
  const pair = makePair('manual');
  startOtr(pair.alice, pair.bob);
  return pair;
}

/** A real data message from alice to bob, decoded, for tests to spoil. */
function sample(pair: ReturnType<typeof established>): DataMessage {
  const wire = pair.alice.conv.send('sample').send[0]!.text;
  const c = classify(wire);
  if (c.kind !== 'encoded') throw new Error('not encoded');
  return decodeMessage(c.bytes) as DataMessage;
}

const wireOf = (m: DataMessage) => encodeOtrMessage(encodeMessage(m));
const flip = (b: Uint8Array, i = 0) => b.map((x, j) => (j === i ? x ^ 0x40 : x));

type Case = [name: string, make: (p: ReturnType<typeof established>) => string[], expected: RegExp];

const CASES: Case[] = [
  ['bad base64', () => ['?OTR:AAMD$$$$.'], /malformed/],
  ['no closing dot', () => ['?OTR:AAMDAAAA'], /malformed/],
  ['a truncated data message', (p) => [encodeOtrMessage(encodeMessage(sample(p)).slice(0, 60))], /malformed/],
  [
    'a length field far past the end',
    (p) => {
      const b = encodeMessage(sample(p));
      b.set([0x7f, 0xff, 0xff, 0xff], 20);
      return [encodeOtrMessage(b)];
    },
    /malformed/,
  ],
  ['trailing garbage', (p) => [encodeOtrMessage(Uint8Array.from([...encodeMessage(sample(p)), 1, 2, 3]))], /malformed/],
  ['an unknown protocol version', () => [encodeOtrMessage(Uint8Array.of(0, 9, 3, 0, 0))], /malformed/],
  ['an unknown message type', () => [encodeOtrMessage(Uint8Array.of(0, 3, 0x77, 0, 0, 1, 0, 0, 0, 0, 0))], /malformed/],
  [
    'a bad MAC',
    (p) => {
      const m = sample(p);
      return [wireOf({ ...m, mac: flip(m.mac) })];
    },
    /unreadable/,
  ],
  [
    'a flipped ciphertext bit',
    (p) => {
      const m = sample(p);
      return [wireOf({ ...m, encrypted: flip(m.encrypted, 3) })];
    },
    /unreadable/,
  ],
  [
    'a replayed message',
    (p) => {
      const wire = p.alice.conv.send('once').send[0]!.text;
      p.bob.conv.receive(wire);
      return [wire];
    },
    /replayed/,
  ],
  [
    'key ids out of range',
    (p) => {
      const m = sample(p);
      return [wireOf({ ...m, senderKeyId: 77 }), wireOf({ ...m, recipientKeyId: 0 })];
    },
    /unreadable/,
  ],
  [
    'a next D-H key out of range',
    (p) => {
      const m = sample(p);
      return [0n, 1n, DH_PRIME - 1n, DH_PRIME].map((v) => wireOf({ ...m, nextDh: bigintToBytes(v) }));
    },
    /unreadable/,
  ],
  ['a sender instance tag below 0x100', (p) => [wireOf({ ...sample(p), senderTag: 0xff })], /malformed/],
  ['a message for another instance', (p) => [wireOf({ ...sample(p), receiverTag: 0x9999 })], /for-other-instance/],
  [
    'an out-of-range g^y in a D-H Key',
    () => [
      encodeOtrMessage(
        encodeMessage({ version: 3, senderTag: ALICE_TAG, receiverTag: BOB_TAG, type: 'dh-key', gy: 1n }),
      ),
    ],
    /ake-ignored/,
  ],
  [
    'a fragment with k > n and one out of order',
    () => ['?OTR|12345678|0abcdef0,3,2,abc,', '?OTR|12345678|0abcdef0,2,5,abc,'],
    /malformed/,
  ],
  [
    'a fragment flood',
    () => Array.from({ length: 5000 }, (_, k) => `?OTR|12345678|0abcdef0,${(k % 65535) + 1},65535,${'Q'.repeat(900)},`),
    /malformed/,
  ],
  [
    'a fragmented message whose pieces form a fragment',
    () => {
      const inner = '?OTR|12345678|0abcdef0,1,1,abc,';
      return [
        `?OTR|12345678|0abcdef0,1,2,${inner.slice(0, 10)},`,
        `?OTR|12345678|0abcdef0,2,2,${inner.slice(10).replace(/,/g, '')},`,
      ];
    },
    /malformed/,
  ],
  ['a megabyte of base64 noise', () => [`?OTR:${encodeBase64(new Uint8Array(1_000_000).fill(0x41))}.`], /malformed/],
];

describe('malformed input', () => {
  for (const [name, make, expected] of CASES) {
    it(`survives ${name}`, () => {
      const pair = established();
      const { bob } = pair;
      for (const raw of make(pair)) {
        const out = bob.conv.receive(raw);
        expect(out.received, name).toBeUndefined();
        bob.events.push(...out.events);
      }
      expect(bob.events.map((e) => e.type).join(' ')).toMatch(expected);
      say(pair.alice, bob, 'still here');
      expect(bob.received.at(-1)).toMatchObject({ text: 'still here', encrypted: true });
      say(bob, pair.alice, 'me too');
      expect(pair.alice.received.at(-1)).toMatchObject({ text: 'me too', encrypted: true });
    });
  }

  it('shows the text of a message whose TLVs are malformed, and says so', () => {
    const pair = established();
    const inst = pair.alice.conv.instances.get(BOB_TAG)!;
    const raw = Uint8Array.from([...new TextEncoder().encode('readable'), 0, 0, 2, 0, 50, 1]);
    const header = { version: 3 as const, senderTag: ALICE_TAG, receiverTag: BOB_TAG };
    const sealed = sealDataMessage((inst.private as PrivateSession).ring, header, raw, 0, nobleSymmetric);
    const out = pair.bob.conv.receive(encodeOtrMessage(sealed.bytes));
    expect(out.received).toMatchObject({ text: 'readable', encrypted: true });
    expect(out.events).toContainEqual({ type: 'malformed', reason: 'a truncated TLV value' });
  });

  it('replaces invalid UTF-8 rather than failing', () => {
    const pair = established();
    const inst = pair.alice.conv.instances.get(BOB_TAG)!;
    const sealed = sealDataMessage(
      (inst.private as PrivateSession).ring,
      { version: 3, senderTag: ALICE_TAG, receiverTag: BOB_TAG },
      Uint8Array.of(0x61, 0xff, 0xfe, 0x62),
      0,
      nobleSymmetric,
    );
    expect(pair.bob.conv.receive(encodeOtrMessage(sealed.bytes)).received).toMatchObject({ text: 'a\ufffd\ufffdb' });
  });

  it('reads MPIs with leading zeros as other clients may send them', () => {
    const r = new Reader(Uint8Array.of(0, 0, 0, 3, 0, 0, 5));
    expect(r.mpi()).toBe(5n);
  });
});
