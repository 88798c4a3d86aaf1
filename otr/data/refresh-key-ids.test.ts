/**
 * Key ids and counters (Protocol-v3, "Key Management" and "When you receive a
 * Data Message") within a session and across a refresh (a new AKE while
 * encrypted, which replaces every key): which key ids a receiver accepts, that
 * counters only go up per key pair, and that numbering starts again at 1.
 */
import { describe, expect, it } from 'vitest';
import { AKE_KEY_ID, type AkeCompletion } from '../ake/ake';
import { bytesToBigint } from '../crypto/bigint';
import { generateDhKeyPair } from '../crypto/dh-group';
import { publicKeyOf } from '../crypto/dsa';
import { ALICE_KEY, testEnv } from '../test-support/fixtures';
import { makePair, say, startOtr, type Party } from '../test-support/pair';
import { decodeText, encodeText } from '../test-support/wire-kinds';
import type { DataMessage } from '../wire/messages';
import { KeyRing } from './key-ring';

/** What `from`'s user typing `text` puts on the wire, not delivered (one data message: no fragmentation). */
function sealed(from: Party, text: string): string {
  const out = from.conv.send(text).send;
  if (out.length !== 1) throw new Error(`expected one message, got ${out.length}`);
  return out[0]!.text;
}

function ids(text: string) {
  const m = decodeText(text) as DataMessage;
  return { sender: m.senderKeyId, recipient: m.recipientKeyId, counter: bytesToBigint(m.ctrTop) };
}

/** Bob reads `text`: the text he was shown, or why not. */
function bobReads(bob: Party, text: string): string {
  const out = bob.conv.receive(text);
  if (out.received) return `read: ${out.received.text}`;
  // An authentic message whose counter did not increase: a duplicate, dropped without an error reply.
  if (out.events.some((e) => e.type === 'replayed'))
    return out.send.length === 0 ? 'refused as a replay' : 'refused as a replay, with a reply';
  const unreadable = out.events.find((e) => e.type === 'unreadable');
  return unreadable ? `refused: ${unreadable.reason}` : 'nothing';
}

/** A private pair that has talked long enough for every key id to be past 1. */
function talkedPair() {
  const { alice, bob } = makePair('manual');
  startOtr(alice, bob);
  const first = sealed(alice, 'first');
  expect(bobReads(bob, first)).toBe('read: first');
  for (let i = 0; i < 3; i++) {
    say(bob, alice, `b${i}`);
    say(alice, bob, `a${i}`);
  }
  return { alice, bob, first };
}

describe('key ids and counters across a refresh', () => {
  it('numbers the first data messages after a refresh from key id 1 and counter 1 again', () => {
    const { alice, bob } = talkedPair();
    const before = ids(sealed(alice, 'before'));
    expect(before.sender).toBeGreaterThan(AKE_KEY_ID);
    startOtr(alice, bob);
    expect(ids(sealed(alice, 'after'))).toEqual({ sender: AKE_KEY_ID, recipient: AKE_KEY_ID, counter: 1n });
    expect(ids(sealed(bob, 'after'))).toEqual({ sender: AKE_KEY_ID, recipient: AKE_KEY_ID, counter: 1n });
  });

  it('refuses a data message sealed before the refresh whose key ids are no longer current', () => {
    const { alice, bob } = talkedPair();
    const old = sealed(alice, 'old');
    startOtr(alice, bob);
    expect(ids(old).sender).toBeGreaterThan(AKE_KEY_ID + 1);
    expect(bobReads(bob, old)).toMatch(/^refused: .*not current/);
  });

  it('refuses a data message sealed before the refresh whose key ids are current again: its MAC is of the old keys', () => {
    const { alice, bob, first } = talkedPair();
    startOtr(alice, bob);
    expect(ids(first)).toMatchObject({ sender: AKE_KEY_ID, recipient: AKE_KEY_ID });
    expect(bobReads(bob, first)).toBe('refused: its MAC does not verify');
  });

  it('still reads the new session’s first message (counter 1) after refusing old ones with higher counters', () => {
    const { alice, bob, first } = talkedPair();
    const old = [sealed(alice, 'old 1'), sealed(alice, 'old 2')];
    startOtr(alice, bob);
    for (const text of [first, ...old]) expect(bobReads(bob, text)).toMatch(/^refused/);
    const fresh = sealed(alice, 'fresh');
    expect(ids(fresh).counter).toBe(1n);
    expect(bobReads(bob, fresh)).toBe('read: fresh');
  });
});

describe('key ids and counters within a session', () => {
  it('refuses a replayed data message: its counter did not increase', () => {
    const { alice, bob } = talkedPair();
    const m = sealed(alice, 'once');
    expect(bobReads(bob, m)).toBe('read: once');
    expect(bobReads(bob, m)).toBe('refused as a replay');
  });

  it('refuses a replayed data message after a refresh too', () => {
    const { alice, bob } = talkedPair();
    startOtr(alice, bob);
    const m = sealed(alice, 'once');
    expect(bobReads(bob, m)).toBe('read: once');
    expect(bobReads(bob, m)).toBe('refused as a replay');
  });

  it('refuses an earlier message of the same key pair once a later one was read', () => {
    const { alice, bob } = talkedPair();
    const [m1, m2] = [sealed(alice, 'one'), sealed(alice, 'two')];
    expect(ids(m1)).toMatchObject({ sender: ids(m2).sender, recipient: ids(m2).recipient });
    expect(bobReads(bob, m2)).toBe('read: two');
    expect(bobReads(bob, m1)).toBe('refused as a replay');
  });

  it('accepts a message that names the sender’s previous key, after a message announcing its next one', () => {
    const { alice, bob } = talkedPair();
    const [m1, m2] = [sealed(alice, 'one'), sealed(alice, 'two')];
    // m1 announced alice's next key; m2 still uses the one before it, the previous key for bob once m1 is read.
    expect(ids(m2).sender).toBe(ids(m1).sender);
    expect(bobReads(bob, m1)).toBe('read: one');
    expect(bobReads(bob, m2)).toBe('read: two');
  });

  it('accepts a message that names our previous key, after the buddy acknowledged our newest', () => {
    const { alice, bob } = talkedPair();
    const announce = sealed(bob, 'announce');
    alice.conv.receive(announce);
    const [x1, x2] = [sealed(alice, 'x1'), sealed(alice, 'x2')];
    // Both name the key bob announced as his next; reading x1 makes it his previous one.
    expect(ids(x1).recipient).toBe(ids(announce).sender + 1);
    expect(ids(x2).recipient).toBe(ids(x1).recipient);
    expect(bobReads(bob, x1)).toBe('read: x1');
    expect(bobReads(bob, x2)).toBe('read: x2');
  });

  it('refuses a message whose key ids are two rotations old', () => {
    const { bob, first } = talkedPair();
    expect(bobReads(bob, first)).toMatch(/^refused: .*not current/);
  });

  it.each([
    ['sender', { senderKeyId: 0 }],
    ['recipient', { recipientKeyId: 0 }],
  ])('refuses a %s key id of 0, which no key has', (_, change) => {
    const { alice, bob } = talkedPair();
    const m = decodeText(sealed(alice, 'zero')) as DataMessage;
    expect(bobReads(bob, encodeText({ ...m, ...change }))).toBe('refused: a key id of 0');
  });

  it('refuses a sender key id one below the one the AKE gave, whose key was never known', () => {
    const env = testEnv('ring');
    const ake: AkeCompletion = {
      version: 3,
      ssid: new Uint8Array(8),
      ours: generateDhKeyPair(env.random, env.math),
      ourKeyId: AKE_KEY_ID,
      theirPub: generateDhKeyPair(env.random, env.math).pub,
      theirKeyId: 5,
      theirLongTerm: publicKeyOf(ALICE_KEY),
      weSentRevealSignature: true,
    };
    const ring = new KeyRing(ake, env);
    expect(ring.receiveKeys(4, AKE_KEY_ID)).toBe('their previous key is unknown');
    expect(typeof ring.receiveKeys(5, AKE_KEY_ID)).toBe('object');
  });
});
