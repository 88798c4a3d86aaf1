import { describe, expect, it } from 'vitest';
import { applyV4, deliverV4, smpContextsV4, smpSideV4 } from '../../test-support/v4-smp';
import { TLV4_EXTRA_SYMMETRIC_KEY, TLV4_PADDING, TLV4_SMP_ABORT, type Tlv } from '../wire/tlv';
import {
  abortSmpV4,
  receiveSmpV4,
  respondSmpV4,
  SMP_IDLE_V4,
  smpCutShortV4,
  startSmpV4,
  type SmpStateV4,
  type SmpStepV4,
} from './state';

const ABORT: Tlv = { type: TLV4_SMP_ABORT, value: new Uint8Array(0) };
const ctx = smpContextsV4('turns');

/** One SMP up to its end, keeping each state it passed through and each message. */
function walk() {
  const alice = smpSideV4(ctx.alice);
  const bob = smpSideV4(ctx.bob);
  const m1 = applyV4(alice, startSmpV4(alice.state, alice.ctx, 'secret', 'Q?'));
  const expect2 = alice.state;
  deliverV4(bob, m1);
  const asked = bob.state;
  const m2 = applyV4(bob, respondSmpV4(bob.state, bob.ctx, 'secret'));
  const expect3 = bob.state;
  const m3 = deliverV4(alice, m2);
  const expect4 = alice.state;
  const m4 = deliverV4(bob, m3);
  const one = (tlvs: Tlv[]): Tlv => tlvs[0] as Tlv;
  return {
    states: { idle: SMP_IDLE_V4, asked, expect2, expect3, expect4 } as Record<string, SmpStateV4>,
    messages: [one(m1), one(m2), one(m3), one(m4)] as const,
  };
}
const { states, messages } = walk();
/** The message each state accepts (1-4), and who holds that state. */
const accepts: Record<string, number> = { idle: 1, asked: 1, expect2: 2, expect3: 3, expect4: 4 };
const holder = (name: string) => (name === 'expect2' || name === 'expect4' ? ctx.alice : ctx.bob);

const abortedWith = (step: SmpStepV4, kind: string) => {
  expect(step.state).toEqual(SMP_IDLE_V4);
  expect(step.send).toEqual([ABORT]);
  expect(step.events).toEqual([expect.objectContaining({ kind })]);
};

describe('SMP v4 aborts', () => {
  it('our abort sends TLV 6 and returns to idle, whatever the state (it takes none)', () => {
    const step = abortSmpV4();
    abortedWith(step, 'aborted');
    expect(step.events[0]).toEqual({ kind: 'aborted', by: 'us' });
  });

  it("the buddy's abort returns to idle without an answer, reported in every state but idle", () => {
    for (const [name, state] of Object.entries(states)) {
      const step = receiveSmpV4(state, holder(name), ABORT);
      expect(step.state).toEqual(SMP_IDLE_V4);
      expect(step.send).toEqual([]);
      expect(step.events).toEqual(name === 'idle' ? [] : [{ kind: 'aborted', by: 'peer' }]);
    }
  });

  it('an abort after message 1 reaches Bob, whose answer is then refused', () => {
    const bob = smpSideV4(ctx.bob);
    deliverV4(bob, [messages[0], ABORT]);
    expect(bob.events.at(-1)).toEqual({ kind: 'aborted', by: 'peer' });
    const answer = respondSmpV4(bob.state, bob.ctx, 'secret');
    expect(answer.send).toEqual([]);
    expect(answer.events).toEqual([{ kind: 'error', reason: 'no SMP request is waiting for an answer' }]);
  });

  it('a message 2 reaching Alice after she aborted is answered with an abort', () => {
    abortedWith(receiveSmpV4(SMP_IDLE_V4, ctx.alice, messages[1]), 'error');
  });

  it('a message 3 reaching Bob after he aborted is answered with an abort and gives no result', () => {
    abortedWith(receiveSmpV4(SMP_IDLE_V4, ctx.bob, messages[2]), 'error');
  });

  it('a message 4 reaching Alice after she aborted is answered with an abort and gives no result', () => {
    abortedWith(receiveSmpV4(SMP_IDLE_V4, ctx.alice, messages[3]), 'error');
  });

  it('an SMP record cut short aborts as cheating', () => {
    abortedWith(smpCutShortV4(), 'cheated');
  });

  it('a new SMP after an abort succeeds', () => {
    const alice = smpSideV4(ctx.alice);
    const bob = smpSideV4(ctx.bob);
    deliverV4(bob, applyV4(alice, startSmpV4(alice.state, alice.ctx, 'secret')));
    deliverV4(bob, applyV4(alice, abortSmpV4()));
    deliverV4(bob, applyV4(alice, startSmpV4(alice.state, alice.ctx, 'secret')));
    deliverV4(alice, deliverV4(bob, deliverV4(alice, applyV4(bob, respondSmpV4(bob.state, bob.ctx, 'secret')))));
    expect([alice.events.at(-1)?.kind, bob.events.at(-1)?.kind]).toEqual(['succeeded', 'succeeded']);
  });
});

describe('SMP v4 messages out of turn', () => {
  for (const [name, state] of Object.entries(states)) {
    for (const [i, tlv] of messages.entries()) {
      const step = i + 1;
      if (step === accepts[name]) continue;
      it(`in ${name}, message ${step} sends an abort, returns to idle and reports an error`, () => {
        const out = receiveSmpV4(state, holder(name), tlv);
        abortedWith(out, 'error');
        expect(out.events[0]).toMatchObject({
          reason: `SMP message ${step} arrived while expecting message ${accepts[name]}`,
        });
      });
    }
  }

  it('a message 3 delivered twice gives Bob one result and an abort', () => {
    const bob = smpSideV4(ctx.bob);
    bob.state = states.expect3 as SmpStateV4;
    const replies = deliverV4(bob, [messages[2], messages[2]]);
    expect(bob.events.map((e) => e.kind)).toEqual(['succeeded', 'error']);
    expect(replies.map((t) => t.type)).toEqual([5, TLV4_SMP_ABORT]);
  });

  it('a new message 1 while Bob is asked replaces the request', () => {
    const other = applyV4(smpSideV4(ctx.alice), startSmpV4(SMP_IDLE_V4, ctx.alice, 'x'))[0] as Tlv;
    const out = receiveSmpV4(states.asked as SmpStateV4, ctx.bob, other);
    expect(out.send).toEqual([]);
    expect(out.events).toEqual([{ kind: 'asked-for-secret', percent: 25 }]);
    expect(out.state).toMatchObject({ name: 'asked' });
    expect(out.state).not.toHaveProperty('question');
  });

  it('TLVs other than SMP ones change nothing', () => {
    for (const type of [TLV4_PADDING, TLV4_EXTRA_SYMMETRIC_KEY]) {
      const state = states.expect2 as SmpStateV4;
      expect(receiveSmpV4(state, ctx.alice, { type, value: new Uint8Array(4) })).toEqual({
        state,
        send: [],
        events: [],
      });
    }
  });
});

describe('SMP v4 user actions out of turn', () => {
  it('beginning while an SMP is under way sends an abort first, then message 1', () => {
    const out = startSmpV4(states.expect2 as SmpStateV4, ctx.alice, 'again');
    expect(out.send.map((t) => t.type)).toEqual([TLV4_SMP_ABORT, 2]);
    expect(out.state).toMatchObject({ name: 'expect2' });
  });

  it('answering with no request waiting is an error that sends nothing', () => {
    for (const name of ['idle', 'expect2', 'expect3']) {
      const state = states[name] as SmpStateV4;
      expect(respondSmpV4(state, holder(name), 'secret')).toEqual({
        state,
        send: [],
        events: [{ kind: 'error', reason: 'no SMP request is waiting for an answer' }],
      });
    }
  });

  it('a question over 60 kB is refused and nothing is sent', () => {
    const out = startSmpV4(SMP_IDLE_V4, ctx.alice, 'secret', 'x'.repeat(60_001));
    expect(out).toEqual({
      state: SMP_IDLE_V4,
      send: [],
      events: [{ kind: 'error', reason: 'the question must be shorter than 60 kB' }],
    });
  });
});
