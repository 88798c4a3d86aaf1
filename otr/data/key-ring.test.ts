/** KeyRing on its own (Protocol-v3, "Key Management"): two rings built as an AKE leaves them, driven by hand. */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { generateDhKeyPair, type DhKeyPair } from '../crypto/dh-group';
import { publicKeyOf } from '../crypto/dsa';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import { KeyRing, type SessionKeys } from './key-ring';

const env = testEnv('key-ring');

/** Alice's and Bob's rings right after an AKE: each knows its key 1 and the other's key 1. */
function rings(): { alice: KeyRing; bob: KeyRing } {
  const a: DhKeyPair = generateDhKeyPair(env.random, env.math);
  const b: DhKeyPair = generateDhKeyPair(env.random, env.math);
  const common = { version: 3 as const, ssid: new Uint8Array(8), weSentRevealSignature: false };
  return {
    alice: new KeyRing(
      { ...common, ours: a, ourKeyId: 1, theirPub: b.pub, theirKeyId: 1, theirLongTerm: publicKeyOf(BOB_KEY) },
      env,
    ),
    bob: new KeyRing(
      { ...common, ours: b, ourKeyId: 1, theirPub: a.pub, theirKeyId: 1, theirLongTerm: publicKeyOf(ALICE_KEY) },
      env,
    ),
  };
}

/** One message from `from` to `to`, as data-message.ts does it: keys picked, MAC "verified", keys rotated. */
function deliver(from: KeyRing, to: KeyRing): { sent: ReturnType<KeyRing['nextSend']>; received: SessionKeys } {
  const sent = from.nextSend();
  const received = to.receiveKeys(sent.senderKeyId, sent.recipientKeyId);
  if (typeof received === 'string') throw new Error(received);
  received.recvCounter = sent.counter;
  received.recvMacUsed = true;
  to.acceptReceived(sent.senderKeyId, sent.recipientKeyId, sent.nextDh);
  return { sent, received };
}

describe('KeyRing', () => {
  it('gives each side the keys the other receives with: AES and MAC keys mirror', () => {
    const { alice, bob } = rings();
    const { sent, received } = deliver(alice, bob);
    expect(received.recvAes).toEqual(sent.keys.sendAes);
    expect(received.recvMac).toEqual(sent.keys.sendMac);
    expect(received.sendAes).toEqual(sent.keys.recvAes);
  });

  it('announces the same next key in every message until the buddy acknowledges it', () => {
    const { alice } = rings();
    const first = alice.nextSend();
    const second = alice.nextSend();
    expect(first.senderKeyId).toBe(1);
    expect(second.nextDh).toEqual(first.nextDh);
  });

  it('counts messages per pairing, from 1', () => {
    const { alice } = rings();
    expect([alice.nextSend().counter, alice.nextSend().counter, alice.nextSend().counter]).toEqual([1n, 2n, 3n]);
  });

  it('moves to its next key once the buddy’s message names it, and starts that pairing’s counter at 1', () => {
    const { alice, bob } = rings();
    deliver(alice, bob);
    deliver(bob, alice);
    const { sent } = deliver(alice, bob);
    expect(sent.senderKeyId).toBe(2);
    expect(sent.recipientKeyId).toBe(2);
    expect(sent.counter).toBe(1n);
  });

  it('accepts only the current and the previous key id of each side', () => {
    const { alice, bob } = rings();
    deliver(alice, bob);
    deliver(bob, alice);
    expect(typeof alice.receiveKeys(0, 1)).toBe('string');
    expect(typeof alice.receiveKeys(2, 0)).toBe('string');
    expect(alice.receiveKeys(7, 2)).toBe('their key it names is not current');
    expect(alice.receiveKeys(2, 9)).toBe('our key it names is not current');
    expect(alice.receiveKeys(2, 3)).toBe('it names a key we never announced');
    expect(typeof alice.receiveKeys(2, 2)).toBe('object');
  });

  it('reveals a MAC key once the keys that made it are retired, only if it verified a message, and only once', () => {
    const { alice, bob } = rings();
    const first = deliver(alice, bob);
    deliver(bob, alice);
    deliver(alice, bob);
    const second = deliver(bob, alice);
    // Bob's message acknowledged Alice's key 2: the pairing (1,1) is gone, and its receiving MAC key goes out next.
    expect(second.sent.oldMacKeys).toEqual(first.received.recvMac);
    expect(bob.nextSend().oldMacKeys).toEqual(new Uint8Array(0));
  });

  it('reveals nothing for a pairing whose MAC key never verified a message', () => {
    const { alice, bob } = rings();
    // Bob never receives with the pairing (1,1): Alice's only message with it is lost.
    alice.nextSend();
    deliver(bob, alice);
    deliver(alice, bob); // names Bob's key 2: Bob retires his key 1, and (1,1) with it
    expect(bob.nextSend().oldMacKeys).toEqual(new Uint8Array(0));
  });

  it('derives the extra symmetric key as SHA-256(0xff || secbytes), the same on both sides', () => {
    const { alice, bob } = rings();
    const { sent, received } = deliver(alice, bob);
    const expected = sha256(concatBytes(Uint8Array.of(0xff), sent.keys.secbytes));
    expect(KeyRing.extraSymmetricKey(sent.keys)).toEqual(expected);
    expect(KeyRing.extraSymmetricKey(received)).toEqual(expected);
  });
});
