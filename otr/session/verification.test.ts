/** verification.ts on its own: SMP actions, the extra symmetric key, and the TLVs of one received data message. */
import { describe, expect, it } from 'vitest';
import { BOB_TAG, makePair, startOtr } from '../test-support/pair';
import { encodePlaintext, TLV_DISCONNECTED, TLV_EXTRA_SYMMETRIC_KEY, TLV_SMP1 } from '../wire/tlv';
import { cutShortTlvType, receiveTlvs, smpAction, useExtraKey } from './verification';

function privatePair() {
  const pair = makePair('manual');
  startOtr(pair.alice, pair.bob);
  return pair;
}

describe('verification inside a conversation', () => {
  it('refuses an SMP action without a private conversation, running nothing of it', () => {
    const { alice } = makePair('manual');
    const out = smpAction(alice.conv, undefined, { kind: 'start', secret: 'never used' });
    expect(out).toEqual({
      send: [],
      events: [{ type: 'smp', instanceTag: 0, kind: 'error', reason: 'verification needs a private conversation' }],
    });
  });

  it('sends a TLV 8 with the 4-byte use and the data, and returns a 32-byte key', () => {
    const { alice } = privatePair();
    const out = useExtraKey(alice.conv, 0x0102_0304, Uint8Array.of(9, 9));
    expect(out.send).toHaveLength(1);
    expect(out.key).toHaveLength(32);
  });

  it('refuses a use outside 32 bits as a programming error, and needs a private conversation', () => {
    const { alice } = privatePair();
    expect(() => useExtraKey(alice.conv, -1, new Uint8Array(0))).toThrow(RangeError);
    expect(() => useExtraKey(alice.conv, 2 ** 32, new Uint8Array(0))).toThrow(RangeError);
    expect(useExtraKey(makePair('manual').alice.conv, 1, new Uint8Array(0)).events).toEqual([
      { type: 'not-sent', reason: 'the extra symmetric key needs a private conversation' },
    ]);
  });

  it('turns a TLV 8 into an extra-key event with its use and data, and a short one into a malformed event', () => {
    const { alice } = privatePair();
    const inst = alice.conv.instances.get(BOB_TAG)!;
    const key = Uint8Array.of(7);
    const out = receiveTlvs(
      alice.conv,
      inst,
      [
        { type: TLV_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(0, 0, 0, 5, 1, 2) },
        { type: TLV_EXTRA_SYMMETRIC_KEY, value: Uint8Array.of(0, 1) },
      ],
      () => key,
    );
    expect(out.events).toEqual([
      { type: 'extra-key', instanceTag: BOB_TAG, use: 5, data: Uint8Array.of(1, 2), key },
      { type: 'malformed', reason: 'an extra symmetric key TLV without its 4-byte use' },
    ]);
  });

  it('passes unknown TLV types on as one tlvs event, and runs no SMP step in a message that also ends the session', () => {
    const { alice } = privatePair();
    const inst = alice.conv.instances.get(BOB_TAG)!;
    const unknown = { type: 0x4242, value: Uint8Array.of(1) };
    const smp = { type: TLV_SMP1, value: new Uint8Array(0) };
    const out = receiveTlvs(
      alice.conv,
      inst,
      [smp, unknown, { type: TLV_DISCONNECTED, value: new Uint8Array(0) }],
      () => new Uint8Array(32),
    );
    expect(out).toEqual({ send: [], events: [{ type: 'tlvs', instanceTag: BOB_TAG, tlvs: [unknown] }] });
  });

  it('finds the type of a TLV record cut short after the ones that parsed', () => {
    const whole = encodePlaintext('hi', [{ type: 1, value: new Uint8Array(0) }]);
    const cut = Uint8Array.from([...whole, 0x00, TLV_SMP1, 0x00]);
    expect(cutShortTlvType(cut, [{ type: 1, value: new Uint8Array(0) }])).toBe(TLV_SMP1);
    expect(cutShortTlvType(Uint8Array.from([...whole, 0x00]), [{ type: 1, value: new Uint8Array(0) }])).toBeUndefined();
  });
});
