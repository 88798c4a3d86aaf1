/**
 * What hostile input can make a conversation hold or do: forged instance tags
 * leave nothing behind, a flood earns few replies, partial fragments expire on
 * tick() and share one budget across conversations.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_TAG, BOB_TAG, makePair, startOtr } from '../test-support/pair';
import { FragmentBudget } from '../wire/fragments';
import { decodeMessage, encodeMessage, type DecodedMessage } from '../wire/messages';
import { classify, encodeOtrMessage } from '../wire/text-messages';
import { Conversation } from './conversation';
import { MAX_INSTANCES } from './instance-table';
import { beginAke } from './after-ake';

const decoded = (text: string): DecodedMessage => {
  const c = classify(text);
  if (c.kind !== 'encoded') throw new Error('not an encoded message');
  return decodeMessage(c.bytes);
};
const withSender = (m: DecodedMessage, senderTag: number) =>
  encodeOtrMessage(encodeMessage({ ...m, senderTag } as DecodedMessage));

describe('forged instance tags', () => {
  it('20,000 forged data messages leave no instance behind and earn a handful of error replies', () => {
    const { alice, bob, clock } = makePair('manual');
    startOtr(alice, bob);
    const real = decoded(bob.conv.send('real').send[0]!.text);
    let replies = 0;
    let events = 0;
    for (let i = 0; i < 20_000; i++) {
      const out = alice.conv.receive(withSender(real, 0x1000 + i));
      replies += out.send.length;
      events += out.events.filter((e) => e.type === 'unreadable').length;
    }
    expect([...alice.conv.instances.values()].map((i) => i.theirTag).sort()).toEqual([0, BOB_TAG].sort());
    expect(replies).toBe(3);
    expect(events).toBe(3);
    // Later, one reply again, saying how many went unanswered.
    clock.advance(60_000);
    const later = alice.conv.receive(withSender(real, 0x9999_9999));
    expect(later.events).toContainEqual(expect.objectContaining({ type: 'unreadable', suppressed: 19_997 }));
    // The real session never noticed.
    expect(alice.conv.receive(bob.conv.send('still here').send[0]!.text).received?.text).toBe('still here');
  });

  it('D-H Commits from ever new tags keep at most MAX_INSTANCES logins, and few are answered at once', () => {
    const { alice, bob, clock } = makePair('manual');
    const commit = decoded(beginAke(bob.conv, 3, bob.conv.instances.master)[0]!.text);
    let answered = 0;
    for (let i = 0; i < 2_000; i++) answered += alice.conv.receive(withSender(commit, 0x2000 + i)).send.length;
    expect(answered).toBe(8);
    for (let i = 0; i < 100; i++) {
      clock.advance(2_000);
      alice.conv.receive(withSender(commit, 0x3000 + i));
    }
    expect([...alice.conv.instances.values()].length).toBeLessThanOrEqual(MAX_INSTANCES + 1);
  });

  it('an AKE with a login it has never seen still completes', () => {
    const { alice, bob } = makePair('manual');
    startOtr(bob, alice);
    expect(alice.conv.status()).toMatchObject({ state: 'encrypted', instanceTag: BOB_TAG });
  });
});

describe('partial fragments', () => {
  const fragment = (k: number, n: number, piece: string, sender = BOB_TAG) =>
    `?OTR|${sender.toString(16).padStart(8, '0')}|${ALICE_TAG.toString(16).padStart(8, '0')},${k},${n},${piece},`;

  it('of one sender survive plain text and other senders’ messages, as libotr keeps them per instance', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    alice.conv.receive(fragment(1, 2, 'A'.repeat(100), 0x0ccc_cccc));
    alice.conv.receive('plain text from somewhere');
    alice.conv.receive(bob.conv.send('a whole message from bob').send[0]!.text);
    expect(alice.conv.reassembler.heldChars).toBe(100);
  });

  it('are dropped by tick() once idle for longer than the limit, with no new fragment needed', () => {
    const { alice, clock } = makePair('manual');
    alice.conv.receive(fragment(1, 3, 'A'.repeat(5000)));
    expect(alice.conv.reassembler.heldChars).toBe(5000);
    clock.advance(119_000);
    alice.conv.tick();
    expect(alice.conv.reassembler.heldChars).toBe(5000);
    clock.advance(2_000);
    alice.conv.tick();
    expect(alice.conv.reassembler.heldChars).toBe(0);
  });

  it('share one budget across conversations: past it, a new partial message is dropped with a word', () => {
    const budget = new FragmentBudget(8000);
    const { alice, clock } = makePair('manual', { fragmentBudget: budget });
    const other = new Conversation({ ...alice.conv.options, fragmentBudget: budget });
    expect(alice.conv.receive(fragment(1, 3, 'A'.repeat(5000))).events).toEqual([]);
    const refused = other.receive(fragment(1, 3, 'B'.repeat(5000)));
    expect(refused.events).toEqual([
      { type: 'malformed', reason: expect.stringMatching(/8000 characters of fragments are already waiting/) },
    ]);
    expect(budget.held).toBe(5000);
    // A partial message dropped gives its share back.
    clock.advance(121_000);
    alice.conv.tick();
    expect(budget.held).toBe(0);
  });

  it('are capped per message below what the longest typed message needs', () => {
    const { alice } = makePair('manual');
    const piece = 'C'.repeat(400_000);
    alice.conv.receive(fragment(1, 4, piece));
    alice.conv.receive(fragment(2, 4, piece));
    const over = alice.conv.receive(fragment(3, 4, piece));
    expect(over.events).toEqual([{ type: 'malformed', reason: expect.stringMatching(/over 1048576 characters/) }]);
  });
});
