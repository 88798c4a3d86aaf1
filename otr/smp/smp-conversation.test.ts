import { describe, expect, it } from 'vitest';
import { fingerprint } from '../crypto/dsa';
import { ALICE_KEY, BOB_KEY } from '../test-support/fixtures';
import { ALICE_TAG, BOB_TAG, deliver, say } from '../test-support/pair';
import { act, smpEvents, smpKinds, tapSmp } from '../test-support/smp';
import { privatePair } from '../../testkit/smp-env';
import { TLV_SMP1, TLV_SMP1Q, TLV_SMP2, TLV_SMP3, TLV_SMP_ABORT } from '../wire/tlv';
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';

function messagesStillFlow(alice: ReturnType<typeof privatePair>['alice'], bob: ReturnType<typeof privatePair>['bob']) {
  say(alice, bob, 'still private?');
  say(bob, alice, 'yes');
  expect(bob.received.at(-1)).toEqual({
    text: 'still private?',
    encrypted: true,
    instanceTag: ALICE_TAG,
    fingerprint: fingerprint(ALICE_KEY),
  });
  expect(alice.received.at(-1)).toEqual({
    text: 'yes',
    encrypted: true,
    instanceTag: BOB_TAG,
    fingerprint: fingerprint(BOB_KEY),
  });
}

describe('SMP between two Sotto conversations', () => {
  it('succeeds on both sides with the same secret, each reporting the other’s fingerprint to mark verified', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('the blue house'));
    expect(smpEvents(bob)).toEqual([{ type: 'smp', instanceTag: ALICE_TAG, kind: 'asked-for-secret', percent: 25 }]);
    act(bob, alice, bob.conv.smpRespond('the blue house'));
    expect(smpKinds(alice)).toEqual(['in-progress', 'in-progress', 'succeeded']);
    expect(smpKinds(bob)).toEqual(['asked-for-secret', 'in-progress', 'succeeded']);
    expect(smpEvents(alice).at(-1)).toEqual({
      type: 'smp',
      instanceTag: BOB_TAG,
      kind: 'succeeded',
      percent: 100,
      fingerprint: fingerprint(BOB_KEY),
      markVerified: true,
    });
    expect(smpEvents(bob).at(-1)).toEqual({
      type: 'smp',
      instanceTag: ALICE_TAG,
      kind: 'succeeded',
      percent: 100,
      fingerprint: fingerprint(ALICE_KEY),
      markVerified: true,
    });
    expect(alice.conv.instances.get(BOB_TAG)?.smp).toEqual({ name: 'idle' });
    expect(bob.conv.instances.get(ALICE_TAG)?.smp).toEqual({ name: 'idle' });
    messagesStillFlow(alice, bob);
  });

  it('with a question: the buddy is asked it, and only the asker marks the fingerprint verified', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('Paris', 'Where did we meet? ✓'));
    expect(smpEvents(bob)).toEqual([
      { type: 'smp', instanceTag: ALICE_TAG, kind: 'asked-for-answer', question: 'Where did we meet? ✓', percent: 25 },
    ]);
    act(bob, alice, bob.conv.smpRespond('Paris'));
    expect(smpEvents(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
    expect(smpEvents(bob).at(-1)).toMatchObject({
      kind: 'succeeded',
      markVerified: false,
      fingerprint: fingerprint(ALICE_KEY),
    });
  });

  it('sends every SMP message alone in a data message flagged IGNORE_UNREADABLE, with an empty text', () => {
    const { alice, bob } = privatePair();
    const tapA = tapSmp(alice);
    const tapB = tapSmp(bob);
    const flags: number[] = [];
    for (const p of [alice, bob]) {
      const original = p.conv.sendTlvs.bind(p.conv);
      p.conv.sendTlvs = (tag, tlvs, text, f) => {
        if (tlvs.length > 0) {
          // Heartbeats (no TLVs) go through here too; every SMP message is alone.
          expect(tlvs).toHaveLength(1);
          expect(text).toBe('');
          flags.push(f ?? 0);
        }
        return original(tag, tlvs, text, f);
      };
    }
    act(alice, bob, alice.conv.smpStart('s', 'q?'));
    act(bob, alice, bob.conv.smpRespond('s'));
    expect(tapA.seen.map((t) => t.type)).toEqual([TLV_SMP1Q, TLV_SMP3]);
    expect(tapB.seen.map((t) => t.type)).toEqual([TLV_SMP2, 5]);
    expect(flags).toEqual([
      FLAG_IGNORE_UNREADABLE,
      FLAG_IGNORE_UNREADABLE,
      FLAG_IGNORE_UNREADABLE,
      FLAG_IGNORE_UNREADABLE,
    ]);
    expect(bob.received).toEqual([]);
    expect(alice.received).toEqual([]);
  });

  it('fails on both sides with different secrets, naming the fingerprint and marking nothing', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('correct horse'));
    act(bob, alice, bob.conv.smpRespond('battery staple'));
    expect(smpEvents(alice).at(-1)).toEqual({
      type: 'smp',
      instanceTag: BOB_TAG,
      kind: 'failed',
      percent: 100,
      fingerprint: fingerprint(BOB_KEY),
    });
    expect(smpEvents(bob).at(-1)).toEqual({
      type: 'smp',
      instanceTag: ALICE_TAG,
      kind: 'failed',
      percent: 100,
      fingerprint: fingerprint(ALICE_KEY),
    });
    expect([...smpKinds(alice), ...smpKinds(bob)]).not.toContain('succeeded');
    messagesStillFlow(alice, bob);
  });

  it('compares the secret byte for byte: a trailing space is another secret', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('secret'));
    act(bob, alice, bob.conv.smpRespond('secret '));
    expect(smpKinds(alice).at(-1)).toBe('failed');
  });

  it('is aborted midway by the responder: both sides back to the start, then a new SMP succeeds', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('again'));
    act(bob, alice, bob.conv.smpAbort());
    expect(smpEvents(bob).at(-1)).toEqual({ type: 'smp', instanceTag: ALICE_TAG, kind: 'aborted', by: 'us' });
    expect(smpEvents(alice).at(-1)).toEqual({ type: 'smp', instanceTag: BOB_TAG, kind: 'aborted', by: 'peer' });
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
    act(alice, bob, alice.conv.smpStart('again'));
    act(bob, alice, bob.conv.smpRespond('again'));
    expect(smpKinds(alice).at(-1)).toBe('succeeded');
    expect(smpKinds(bob).at(-1)).toBe('succeeded');
  });

  it('is aborted midway by the initiator after message 2, and restarted by the other side', () => {
    const { alice, bob } = privatePair();
    const tap = tapSmp(bob);
    act(alice, bob, alice.conv.smpStart('x'));
    // Hold bob's message 2: alice aborts before it arrives.
    const held = bob.conv.smpRespond('x');
    bob.events.push(...held.events);
    act(alice, bob, alice.conv.smpAbort());
    expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('idle');
    expect(smpKinds(bob).at(-1)).toBe('aborted');
    // Message 2 arrives late: alice expects nothing, so it is out of turn and aborted again.
    deliver(bob, alice, held.send);
    expect(smpEvents(alice).at(-1)).toMatchObject({ kind: 'error' });
    expect(tap.seen.map((t) => t.type)).toEqual([TLV_SMP2]);
    act(bob, alice, bob.conv.smpStart('y', 'your turn'));
    act(alice, bob, alice.conv.smpRespond('y'));
    expect(smpKinds(bob).at(-1)).toBe('succeeded');
    expect(smpEvents(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: false });
  });

  it('restarting while one is under way sends the abort first, in its own message, then message 1', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('first'));
    const tap = tapSmp(alice);
    const restart = alice.conv.smpStart('second');
    expect(tap.seen.map((t) => t.type)).toEqual([TLV_SMP_ABORT, TLV_SMP1]);
    expect(restart.send).toHaveLength(2);
    act(alice, bob, restart);
    expect(smpKinds(bob)).toEqual(['asked-for-secret', 'aborted', 'asked-for-secret']);
    act(bob, alice, bob.conv.smpRespond('second'));
    expect(smpKinds(alice).at(-1)).toBe('succeeded');
  });

  it('keeps working through key rotation after an SMP, and a second SMP after that succeeds', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('k'));
    act(bob, alice, bob.conv.smpRespond('k'));
    for (let i = 0; i < 6; i++) {
      say(alice, bob, `a${i}`);
      say(bob, alice, `b${i}`);
    }
    expect(bob.received.map((r) => r.text)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(alice.received.map((r) => r.text)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    act(bob, alice, bob.conv.smpStart('k2'));
    act(alice, bob, alice.conv.smpRespond('k2'));
    expect(smpKinds(bob).at(-1)).toBe('succeeded');
    expect([...alice.events, ...bob.events].filter((e) => e.type === 'unreadable' || e.type === 'malformed')).toEqual(
      [],
    );
  });

  it('messages typed during the SMP are carried, and the SMP still completes', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('interleaved'));
    say(bob, alice, 'what is this?');
    say(alice, bob, 'answer the question');
    act(bob, alice, bob.conv.smpRespond('interleaved'));
    expect(smpKinds(alice).at(-1)).toBe('succeeded');
    expect(bob.received.at(-1)?.text).toBe('answer the question');
  });

  it('an SMP message out of turn aborts: TLV 6 goes back, an error is reported, the state is EXPECT1', () => {
    const { alice, bob } = privatePair();
    const tap = tapSmp(bob);
    // Alice sends message 3 to a bob who expects message 1.
    const out = alice.conv.sendTlvs(
      BOB_TAG,
      [{ type: TLV_SMP3, value: Uint8Array.of(0, 0, 0, 0) }],
      '',
      FLAG_IGNORE_UNREADABLE,
    );
    deliver(alice, bob, out.send);
    expect(smpEvents(bob)).toEqual([
      { type: 'smp', instanceTag: ALICE_TAG, kind: 'error', reason: 'SMP message 3 arrived while expecting message 1' },
    ]);
    expect(tap.seen.map((t) => t.type)).toEqual([TLV_SMP_ABORT]);
    // Alice had nothing under way: the abort changes nothing and says nothing.
    expect(smpEvents(alice)).toEqual([]);
    messagesStillFlow(alice, bob);
  });

  it('both starting at once: each aborts the other’s message 1, both end at EXPECT1, and one can start again', () => {
    const { alice, bob } = privatePair();
    const fromAlice = alice.conv.smpStart('same');
    const fromBob = bob.conv.smpStart('same');
    alice.events.push(...fromAlice.events);
    bob.events.push(...fromBob.events);
    deliver(alice, bob, fromAlice.send);
    deliver(bob, alice, fromBob.send);
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
    expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('idle');
    expect(smpKinds(bob)).toContain('error');
    act(alice, bob, alice.conv.smpStart('same'));
    act(bob, alice, bob.conv.smpRespond('same'));
    expect(smpKinds(alice).at(-1)).toBe('succeeded');
  });

  it('answering when nothing was asked is an error and sends nothing', () => {
    const { alice, bob } = privatePair();
    const out = bob.conv.smpRespond('unasked');
    expect(out.send).toEqual([]);
    expect(out.events).toEqual([
      { type: 'smp', instanceTag: ALICE_TAG, kind: 'error', reason: 'no SMP request is waiting for an answer' },
    ]);
    void alice;
  });

  it('refuses a question with a NUL in it, sending nothing', () => {
    const { alice } = privatePair();
    const out = alice.conv.smpStart('s', 'a\0b');
    expect(out.send).toEqual([]);
    expect(out.events[0]).toMatchObject({ type: 'smp', kind: 'error' });
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
  });

  it('needs a private conversation: starting without one is an error; aborting still resets', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.end());
    expect(alice.conv.smpStart('s')).toEqual({
      send: [],
      events: [
        expect.objectContaining({ type: 'smp', kind: 'error', reason: 'verification needs a private conversation' }),
      ],
    });
    expect(alice.conv.smpStart('s', undefined, BOB_TAG).events).toEqual([
      { type: 'smp', instanceTag: BOB_TAG, kind: 'error', reason: 'verification needs a private conversation' },
    ]);
    expect(alice.conv.smpAbort(BOB_TAG)).toEqual({
      send: [],
      events: [{ type: 'smp', instanceTag: BOB_TAG, kind: 'aborted', by: 'us' }],
    });
  });

  it('leaving the encrypted state resets the SMP on both sides', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('bye'));
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('expect2');
    expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('asked');
    act(alice, bob, alice.conv.end());
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
    expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('idle');
    expect(bob.conv.smpRespond('bye').events[0]).toMatchObject({ kind: 'error' });
  });

  it('a refreshed AKE resets an SMP under way (it was bound to the old session id)', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('old ssid'));
    act(bob, alice, bob.conv.start());
    expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
    expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('idle');
    messagesStillFlow(alice, bob);
  });
});
