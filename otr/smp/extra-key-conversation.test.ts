import { describe, expect, it } from 'vitest';
import { ALICE_TAG, BOB_TAG, deliver, say } from '../test-support/pair';
import { act } from '../test-support/smp';
import { privatePair } from '../../testkit/smp-env';
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';

describe('the extra symmetric key between two Sotto conversations', () => {
  it('the sender gets the key, the receiver an event with the same key, the use and the data', () => {
    const { alice, bob } = privatePair();
    const data = new TextEncoder().encode('file: photo.jpg');
    const out = alice.conv.useExtraKey(0x0102_0304, data);
    expect(out.key).toHaveLength(32);
    act(alice, bob, out);
    const got = bob.events.filter((e) => e.type === 'extra-key');
    expect(got).toEqual([{ type: 'extra-key', instanceTag: ALICE_TAG, use: 0x0102_0304, data, key: out.key }]);
    expect(bob.received).toEqual([]);
  });

  it('differs from message to message as the keys rotate', () => {
    const { alice, bob } = privatePair();
    const first = act(alice, bob, alice.conv.useExtraKey(1)) as { key?: Uint8Array };
    say(bob, alice, 'rotate');
    const second = act(alice, bob, alice.conv.useExtraKey(1)) as { key?: Uint8Array };
    expect(second.key).not.toEqual(first.key);
    expect(bob.events.filter((e) => e.type === 'extra-key').map((e) => (e as { key: Uint8Array }).key)).toEqual([
      first.key,
      second.key,
    ]);
  });

  it('is not sent without a private conversation, and a bad use is a programming error', () => {
    const { alice, bob } = privatePair();
    expect(() => alice.conv.useExtraKey(2 ** 32)).toThrow(RangeError);
    act(alice, bob, alice.conv.end());
    const out = alice.conv.useExtraKey(1);
    expect(out.key).toBeUndefined();
    expect(out.send).toEqual([]);
    expect(out.events[0]).toMatchObject({ type: 'not-sent' });
  });

  it('a TLV 8 too short to hold its use is reported as malformed', () => {
    const { alice, bob } = privatePair();
    deliver(
      alice,
      bob,
      alice.conv.sendTlvs(BOB_TAG, [{ type: 8, value: Uint8Array.of(1, 2) }], '', FLAG_IGNORE_UNREADABLE).send,
    );
    expect(bob.events.filter((e) => e.type === 'extra-key')).toEqual([]);
    expect(bob.events).toContainEqual({
      type: 'malformed',
      reason: 'an extra symmetric key TLV without its 4-byte use',
    });
  });

  it('TLVs of unknown types still reach the host as a tlvs event', () => {
    const { alice, bob } = privatePair();
    deliver(alice, bob, alice.conv.sendTlvs(BOB_TAG, [{ type: 0x99, value: Uint8Array.of(7) }], 'hi').send);
    expect(bob.events).toContainEqual({
      type: 'tlvs',
      instanceTag: ALICE_TAG,
      tlvs: [{ type: 0x99, value: Uint8Array.of(7) }],
    });
    expect(bob.received.at(-1)?.text).toBe('hi');
  });
});
