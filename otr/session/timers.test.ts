/** What depends on time: heartbeats, the AKE that gets no answer, held messages. */
import { describe, expect, it } from 'vitest';
import { BOB_TAG, deliver, makePair, say, startOtr } from '../test-support/pair';
import { classify } from '../wire/text-messages';
import { decodeMessage, FLAG_IGNORE_UNREADABLE } from '../wire/messages';

const flagsOf = (text: string) => {
  const c = classify(text);
  if (c.kind !== 'encoded') throw new Error('not encoded');
  const m = decodeMessage(c.bytes);
  return m.type === 'data' ? m.flags : -1;
};

describe('timers', () => {
  it('sends a heartbeat after a quiet spell, flagged ignore-if-unreadable, and not before', () => {
    const { alice, bob, clock } = makePair('manual', { heartbeatMs: 60_000 });
    startOtr(alice, bob);
    // Bob has sent nothing yet: his first received message triggers a heartbeat (keys rotate at once).
    const first = alice.conv.send('one');
    const got = bob.conv.receive(first.send[0]!.text);
    expect(got.events).toContainEqual({ type: 'heartbeat-sent', instanceTag: 0x12345678 });
    expect(got.send).toHaveLength(1);
    expect(flagsOf(got.send[0]!.text) & FLAG_IGNORE_UNREADABLE).toBe(FLAG_IGNORE_UNREADABLE);
    deliver(bob, alice, got.send);
    expect(alice.received).toEqual([]);
    // Within the minute: none.
    clock.advance(30_000);
    expect(bob.conv.receive(alice.conv.send('two').send[0]!.text).send).toEqual([]);
    clock.advance(31_000);
    expect(bob.conv.receive(alice.conv.send('three').send[0]!.text).events.map((e) => e.type)).toContain(
      'heartbeat-sent',
    );
  });

  it('tells the user when a query gets no answer, and gives back the held messages unsent', () => {
    const { alice, clock } = makePair('always', { akeTimeoutMs: 60_000 });
    alice.conv.send('first');
    alice.conv.send('second');
    clock.advance(59_000);
    expect(alice.conv.tick().events).toEqual([]);
    clock.advance(2_000);
    const out = alice.conv.tick();
    expect(out.events).toEqual([
      { type: 'ake-no-answer' },
      { type: 'held-expired', ids: [1, 2], texts: ['first', 'second'] },
    ]);
    // Nothing is left held: a later AKE sends nothing old.
    expect(alice.conv.tick().events).toEqual([]);
  });

  it('does not send the same held message twice when the AKE completes after a refresh', () => {
    const { alice, bob } = makePair('always');
    const held = alice.conv.send('only once');
    deliver(alice, bob, held.send);
    startOtr(alice, bob);
    say(alice, bob, 'after refresh');
    expect(bob.received.map((r) => r.text)).toEqual(['only once', 'after refresh']);
  });

  it('answers an unreadable message only when it did not ask to be ignored', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    const normal = alice.conv.send('normal').send[0]!.text;
    const heartbeat = alice.conv.sendTlvs(BOB_TAG, [], '', FLAG_IGNORE_UNREADABLE).send[0]!.text;
    bob.conv.end();
    expect(bob.conv.receive(heartbeat)).toEqual({ send: [], events: [] });
    const answer = bob.conv.receive(normal);
    expect(answer.send).toEqual([
      { text: "?OTR Error: You sent encrypted data to bob@example.org, who wasn't expecting it.", otr: true },
    ]);
    expect(answer.events).toContainEqual(expect.objectContaining({ type: 'unreadable' }));
  });
});
