import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import { deliver, ratchetPair, text, untext } from '../../test-support/v4-ratchet-pair';
import { decodeDataMessage } from '../wire/data-message';
import type { Opened, Ratchet, Sealed } from './ratchet';

/** Each field of an encoded Data Message: its name, first byte and length. */
function fields(s: Sealed): [string, number, number][] {
  const dh = s.message.dh.length;
  const enc = s.message.encrypted.length;
  const mac = 85 + dh + 4 + enc;
  return [
    ['protocol version', 0, 2],
    ['message type', 2, 1],
    ["sender's instance tag", 3, 4],
    ["receiver's instance tag", 7, 4],
    ['flags', 11, 1],
    ['previous chain message number', 12, 4],
    ['ratchet id', 16, 4],
    ['message id', 20, 4],
    ['public ECDH key', 24, 57],
    ['public DH key length', 81, 4],
    ...(dh > 0 ? ([['public DH key', 85, dh]] as [string, number, number][]) : []),
    ['encrypted message length', 85 + dh, 4],
    ['encrypted message', 85 + dh + 4, enc],
    ['authenticator', mac, 64],
  ];
}

function tampered(bytes: Uint8Array, offset: number, bit: number): Uint8Array {
  const out = bytes.slice();
  out[offset] = (out[offset] as number) ^ (1 << bit);
  return out;
}

function attempt(to: Ratchet, bytes: Uint8Array): Opened | 'WireError' {
  try {
    return to.open(decodeDataMessage(bytes));
  } catch (e) {
    if (e instanceof WireError) return 'WireError';
    throw e;
  }
}

function refusesEveryField(to: Ratchet, sealed: Sealed): void {
  const before = to.counters;
  for (const [name, start, length] of fields(sealed)) {
    for (const offset of new Set([start, start + length - 1])) {
      const outcome = attempt(to, tampered(sealed.bytes, offset, offset % 8));
      expect(outcome === 'WireError' || !outcome.ok, `${name} at ${offset}`).toBe(true);
    }
  }
  expect(to.counters).toEqual(before);
  const genuine = deliver(to, sealed);
  expect(genuine.ok && untext(genuine.plaintext)).toBe('the genuine message');
}

describe('a tampered data message', () => {
  it('is refused whichever field changed, in the current ratchet, and the genuine one still opens', () => {
    const { alice, bob } = ratchetPair('tamper-same');
    expect(deliver(bob, alice.seal(text('first'))).ok).toBe(true);
    refusesEveryField(bob, alice.seal(text('the genuine message')));
  });

  it('is refused whichever field changed when it starts a ratchet with a new DH key, and the genuine one still opens', () => {
    const { alice, bob } = ratchetPair('tamper-new');
    const sealed = bob.seal(text('the genuine message'));
    expect(sealed.message.dh.length).toBeGreaterThan(0);
    refusesEveryField(alice, sealed);
  });

  it('still opens with its old MAC keys changed: the spec leaves them outside the MAC', () => {
    const { alice, bob } = ratchetPair('tamper-old-keys');
    expect(deliver(bob, alice.seal(text('to be revealed'))).ok).toBe(true);
    const reply = bob.seal(text('reveals one key'));
    expect(reply.message.oldMacKeys).toHaveLength(64);
    const changed = tampered(reply.bytes, reply.bytes.length - 1, 0);
    expect(attempt(alice, changed)).toMatchObject({ ok: true });
  });

  it('is refused when it names a message key that does not follow from the chain (a forged message id)', () => {
    const { alice, bob } = ratchetPair('tamper-forged');
    const sealed = alice.seal(text('x'));
    const forged = decodeDataMessage(sealed.bytes);
    expect(bob.open({ ...forged, messageId: 3 })).toMatchObject({ ok: false, reason: expect.stringMatching(/MAC/) });
    expect(bob.counters.storedKeys).toBe(0);
    expect(deliver(bob, sealed).ok).toBe(true);
  });
});
