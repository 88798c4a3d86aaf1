/**
 * Two logins of one buddy with different keys: each message is credited to the
 * login that sent it, a verified login is never left for an unverified one
 * without the user's word, and held messages go to the login the user verified.
 */
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, toHex } from '../bytes';
import { fingerprint } from '../crypto/dsa';
import { ALICE_KEY, BOB_KEY, ManualClock, testEnv } from '../test-support/fixtures';
import { ALICE_TAG } from '../test-support/pair';
import { Conversation } from './conversation';
import type { Outgoing } from './conversation-types';
import type { OtrEvent } from './events';
import { policyForLevel, type PolicyLevel } from './policy';

const BOB1_TAG = 0x0b0b_0001;
const BOB2_TAG = 0x0b0b_0002;
// Bob's second device has a key of its own: any key other than BOB_KEY does.
const BOB1_FP = fingerprint(BOB_KEY);
const BOB2_FP = fingerprint(ALICE_KEY);

interface Login {
  tag: number;
  conv: Conversation;
  received: string[];
}

/** Alice, who trusts the keys in `trusted`, and Bob signed in twice; alice's messages reach every login, as a bare JID's do. */
function scene(level: PolicyLevel, trusted: Uint8Array[]) {
  const clock = new ManualClock();
  const aliceEvents: OtrEvent[] = [];
  const aliceReceived: { text: string; fingerprint?: string }[] = [];
  const alice = new Conversation({
    env: testEnv('alice', clock),
    ourKey: ALICE_KEY,
    ourTag: ALICE_TAG,
    policy: policyForLevel(level),
    accountName: 'alice@example.org',
    trust: { isTrusted: (fp) => trusted.some((t) => constantTimeEqual(t, fp)), hasTrusted: () => trusted.length > 0 },
  });
  const login = (tag: number, key: typeof BOB_KEY): Login => ({
    tag,
    conv: new Conversation({
      env: testEnv(`bob${tag}`, clock),
      ourKey: key,
      ourTag: tag,
      policy: policyForLevel('manual'),
      accountName: 'bob@example.org',
    }),
    received: [],
  });
  const bob1 = login(BOB1_TAG, BOB_KEY);
  const bob2 = login(BOB2_TAG, ALICE_KEY);

  /** Carries alice's output to `to` (every login by default) and all replies back and forth, until quiet. */
  function fromAlice(out: { send: Outgoing[]; events: OtrEvent[] }, to: Login[] = [bob1, bob2]): void {
    aliceEvents.push(...out.events);
    for (const login of to) {
      for (const m of out.send) {
        const reply = login.conv.receive(m.text);
        if (reply.received) login.received.push(reply.received.text);
        fromBob(login, reply.send, to);
      }
    }
  }
  function fromBob(login: Login, send: Outgoing[], replyTo: Login[] = [login]): void {
    for (const m of send) {
      const got = alice.receive(m.text);
      if (got.received)
        aliceReceived.push({
          text: got.received.text,
          ...(got.received.fingerprint ? { fingerprint: toHex(got.received.fingerprint) } : {}),
        });
      fromAlice(got, replyTo);
    }
  }
  /** Bob's login starts the AKE (as libotr does on a whitespace tag or query). */
  const private_ = (login: Login) => fromBob(login, login.conv.start().send);
  return { alice, bob1, bob2, aliceEvents, aliceReceived, fromAlice, fromBob, private_, clock };
}

describe('two logins of one buddy', () => {
  it('credits each received message to the key of the login that sent it', () => {
    const s = scene('manual', [BOB1_FP]);
    s.private_(s.bob1);
    s.private_(s.bob2);
    s.fromBob(s.bob1, s.bob1.conv.send('from the verified phone').send);
    s.fromBob(s.bob2, s.bob2.conv.send('from the other laptop').send);
    expect(s.aliceReceived).toEqual([
      { text: 'from the verified phone', fingerprint: toHex(BOB1_FP) },
      { text: 'from the other laptop', fingerprint: toHex(BOB2_FP) },
    ]);
  });

  it('keeps sending to the verified login when an unverified one goes private, and says so once', () => {
    const s = scene('manual', [BOB1_FP]);
    s.private_(s.bob1);
    expect(s.alice.target().theirTag).toBe(BOB1_TAG);
    s.private_(s.bob2);
    expect(s.alice.target().theirTag).toBe(BOB1_TAG);
    expect(s.aliceEvents.filter((e) => e.type === 'instance-withheld')).toEqual([
      { type: 'instance-withheld', instanceTag: BOB2_TAG, current: BOB1_TAG },
    ]);
    s.fromAlice(s.alice.send('for the phone'));
    expect(s.bob1.received).toEqual(['for the phone']);
    expect(s.bob2.received).toEqual([]);
  });

  it('does not move to the unverified login when the verified one ends: sending is refused until the user chooses', () => {
    const s = scene('manual', [BOB1_FP]);
    s.private_(s.bob1);
    s.private_(s.bob2);
    s.fromBob(s.bob1, s.bob1.conv.end().send);
    expect(s.alice.target().theirTag).toBe(BOB1_TAG);
    expect(s.alice.send('anyone?').status).toBe('refused');
    s.fromAlice(s.alice.selectInstance(BOB2_TAG));
    s.fromAlice(s.alice.send('to the laptop, knowingly'));
    expect(s.bob2.received).toEqual(['to the laptop, knowingly']);
  });

  it('follows the most recent login between unverified ones, and says when it switches', () => {
    const s = scene('manual', []);
    s.private_(s.bob1);
    s.clock.advance(1000);
    s.private_(s.bob2);
    expect(s.alice.target().theirTag).toBe(BOB2_TAG);
    expect(s.aliceEvents).toContainEqual({ type: 'instance-switched', from: BOB1_TAG, to: BOB2_TAG });
  });

  it('holds messages for the verified login when an unverified one answers first, then sends them there', () => {
    const s = scene('always', [BOB1_FP]);
    const held = s.alice.send('only for the phone');
    expect(held.status).toBe('held');
    // The query reaches the laptop first; the phone answers later.
    s.fromAlice(held, [s.bob2]);
    expect(s.aliceEvents.map((e) => e.type)).toContain('held-waiting');
    expect(s.bob2.received).toEqual([]);
    s.fromAlice(s.alice.start(), [s.bob1]);
    expect(s.bob1.received).toEqual(['only for the phone']);
    expect(s.bob2.received).toEqual([]);
    const sent = s.aliceEvents.find((e) => e.type === 'held-sent');
    expect(sent).toMatchObject({ ids: [held.id], instanceTag: BOB1_TAG, fingerprint: BOB1_FP });
  });

  it('sends held messages to whichever login goes private first when no key of the buddy is verified', () => {
    const s = scene('always', []);
    const held = s.alice.send('to bob');
    s.fromAlice(held, [s.bob2]);
    expect(s.bob2.received).toEqual(['to bob']);
  });
});
