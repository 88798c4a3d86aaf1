/**
 * Deniability (Protocol-v3, "Revealing MAC keys"): once a MAC key is revealed
 * in a later data message's "old MAC keys" field, anyone who saw the wire can
 * alter a message that key authenticated and give it a valid MAC, so a
 * transcript proves nothing about who wrote what. And since keys are revealed
 * only when their D-H keys are retired, the live session never accepts a
 * message under a revealed key.
 */
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../bytes';
import { hmacSha1 } from '../crypto/primitives';
import { deliver, makePair, type Party } from '../test-support/pair';
import { decodeText, encodeText, wireKind } from '../test-support/wire-kinds';
import { encodeDataAuthenticated, type DataMessage } from '../wire/messages';

const ORIGINAL = 'meet at noon';
const FORGED = 'meet at 3 am';
const LINES = [ORIGINAL, 'ok', 'see you there', 'bye', 'later', 'done', 'one more', 'last'];

/** The same conversation every time (seeded randomness, a still clock); `swap` rewrites what the network carries. */
function talk(swap: (text: string) => string = (t) => t) {
  const { alice, bob } = makePair('manual');
  deliver(alice, bob, alice.conv.start().send);
  LINES.forEach((line, i) => {
    const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice];
    deliver(from, to, from.conv.send(line).send, swap);
  });
  return { alice, bob };
}

const dataSentBy = (p: Party): { text: string; m: DataMessage }[] =>
  p.sent
    .filter((o) => wireKind(o.text) === 'data')
    .map((o) => ({ text: o.text, m: decodeText(o.text) as DataMessage }));

/** The 20-byte MAC keys a party revealed, read from its data messages on the wire. */
const revealedBy = (p: Party): Uint8Array[] =>
  dataSentBy(p).flatMap(({ m }) =>
    Array.from({ length: m.oldMacKeys.length / 20 }, (_, i) => m.oldMacKeys.slice(i * 20, i * 20 + 20)),
  );

const macVerifies = (key: Uint8Array, m: DataMessage) =>
  constantTimeEqual(hmacSha1(key, encodeDataAuthenticated(m)), m.mac);

/** AES-CTR is malleable: XOR the ciphertext with (old ^ new) and the plaintext reads `replacement`. */
function rewrite(m: DataMessage, old: string, replacement: string): DataMessage {
  const a = new TextEncoder().encode(old);
  const b = new TextEncoder().encode(replacement);
  const encrypted = m.encrypted.map((byte, i) => (i < a.length ? byte ^ (a[i] as number) ^ (b[i] as number) : byte));
  return { ...m, encrypted };
}

describe('deniability of a transcript', () => {
  const { alice, bob } = talk();
  const target = dataSentBy(alice)[0]!;
  const key = revealedBy(bob).find((k) => macVerifies(k, target.m));
  const altered = rewrite(target.m, ORIGINAL, FORGED);
  const forgedText = key && encodeText({ ...altered, mac: hmacSha1(key, encodeDataAuthenticated(altered)) });

  it('reveals, in a later data message of the receiver, the MAC key of an earlier message', () => {
    expect(key).toBeDefined();
  });

  it('lets anyone holding the revealed key give an altered message a valid MAC', () => {
    const forged = decodeText(forgedText!) as DataMessage;
    expect(forged.encrypted).not.toEqual(target.m.encrypted);
    expect(macVerifies(key!, forged)).toBe(true);
  });

  it('makes the forgery one the receiver would have accepted in the original’s place', () => {
    const replay = talk((t) => (t === target.text ? forgedText! : t));
    expect(replay.bob.received[0]).toMatchObject({ text: FORGED, encrypted: true });
    expect(replay.bob.events.filter((e) => e.type === 'unreadable')).toEqual([]);
    // Without the swap the same replay shows the original: the forgery is the only difference.
    expect(talk().bob.received[0]).toMatchObject({ text: ORIGINAL, encrypted: true });
  });

  it('refuses the forgery in the live session: its keys were retired before being revealed', () => {
    const out = bob.conv.receive(forgedText!);
    expect(out.received).toBeUndefined();
    expect(out.events).toEqual([expect.objectContaining({ type: 'unreadable' })]);
  });
});
