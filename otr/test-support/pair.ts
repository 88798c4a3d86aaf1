/**
 * Two in-memory OTR conversations (alice and bob) and a courier that carries
 * what one sends to the other until both are quiet: the shape of every
 * whole-conversation test.
 */
import { Conversation } from '../session/conversation';
import type { ConversationOptions, Outgoing, Received } from '../session/conversation-types';
import type { OtrEvent } from '../session/events';
import { policyForLevel, type PolicyLevel } from '../session/policy';
import { ALICE_KEY, BOB_KEY, ManualClock, testEnv } from './fixtures';

export const ALICE_TAG = 0x1234_5678;
export const BOB_TAG = 0x0abc_def0;

export interface Party {
  name: string;
  conv: Conversation;
  received: Received[];
  events: OtrEvent[];
  /** Everything this party put on the wire, in order. */
  sent: Outgoing[];
}

export function makePair(
  level: PolicyLevel = 'opportunistic',
  extra: Partial<ConversationOptions> = {},
  bobExtra: Partial<ConversationOptions> = {},
  clock = new ManualClock(),
  aliceExtra: Partial<ConversationOptions> = {},
) {
  const mk = (
    name: string,
    key = name === 'alice' ? ALICE_KEY : BOB_KEY,
    tag = name === 'alice' ? ALICE_TAG : BOB_TAG,
    more = {},
  ): Party => ({
    name,
    conv: new Conversation({
      env: testEnv(name, clock),
      ourKey: key,
      ourTag: tag,
      policy: policyForLevel(level),
      accountName: `${name}@example.org`,
      ...extra,
      ...more,
    }),
    received: [],
    events: [],
    sent: [],
  });
  const alice = mk('alice', ALICE_KEY, ALICE_TAG, aliceExtra);
  const bob = mk('bob', BOB_KEY, BOB_TAG, bobExtra);
  return { alice, bob, clock };
}

/** Delivers `outgoing` from `from` to `to`, then every reply, back and forth, until nothing is left. */
export function deliver(
  from: Party,
  to: Party,
  outgoing: readonly Outgoing[],
  transform: (text: string) => string = (t) => t,
): void {
  let queue: { from: Party; to: Party; msg: Outgoing }[] = outgoing.map((msg) => ({ from, to, msg }));
  let rounds = 0;
  while (queue.length > 0) {
    if (++rounds > 10_000) throw new Error('the conversation never went quiet');
    const next: typeof queue = [];
    for (const { from: f, to: t, msg } of queue) {
      f.sent.push(msg);
      const out = t.conv.receive(transform(msg.text));
      if (out.received) t.received.push(out.received);
      t.events.push(...out.events);
      for (const m of out.send) next.push({ from: t, to: f, msg: m });
    }
    queue = next;
  }
}

/** The user of `from` types `text`; everything that follows is delivered. */
export function say(from: Party, to: Party, text: string): ReturnType<Conversation['send']> {
  const out = from.conv.send(text);
  from.events.push(...out.events);
  deliver(from, to, out.send);
  return out;
}

export function startOtr(from: Party, to: Party): void {
  const out = from.conv.start();
  from.events.push(...out.events);
  deliver(from, to, out.send);
}
