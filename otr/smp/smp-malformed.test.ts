/**
 * Malformed SMP messages between two whole conversations: values out of range,
 * proofs with one value changed, wrong MPI counts, cut-short values and TLV
 * records, messages out of order. Each one must give the receiver a 'cheated'
 * (or, out of turn, an 'error') event and send an abort; the sender hears the
 * abort; nothing throws; both sides are back at EXPECT1, messages still flow,
 * and a new SMP then succeeds.
 */
import { describe, expect, it } from 'vitest';
import { mod } from '../crypto/bigint';
import { sealDataMessage } from '../data/data-message';
import { nobleSymmetric } from '../crypto/primitives';
import { ALICE_TAG, BOB_TAG, deliver, say, type Party } from '../test-support/pair';
import { act, smpEvents, tapSmp } from '../test-support/smp';
import { privatePair } from '../../testkit/smp-env';
import { Writer } from '../wire/codec';
import { FLAG_IGNORE_UNREADABLE } from '../wire/messages';
import { encodeOtrMessage } from '../wire/text-messages';
import { encodePlaintext, TLV_SMP1, TLV_SMP1Q, TLV_SMP2, TLV_SMP3, TLV_SMP4, type Tlv } from '../wire/tlv';
import { G1, P, Q } from './smp-group';
import { decodeSmpTlv, encodeSmpTlv, type Smp1, type Smp2, type Smp3, type Smp4 } from './smp-messages';
import type { PrivateSession } from '../session/instance-session';

type Step = 1 | 2 | 3 | 4;
type Rewrite = (tlv: Tlv) => Tlv;

/** Changes the decoded message of one step (the others pass untouched). */
function fields(step: Step, change: (m: Record<string, bigint>) => Record<string, bigint>): Rewrite {
  return (t) => {
    const m = decodeSmpTlv(t);
    if (m.step !== step) return t;
    switch (m.step) {
      case 1:
        return encodeSmpTlv({ ...m, msg: change({ ...m.msg }) as unknown as Smp1 });
      case 2:
        return encodeSmpTlv({ step: 2, msg: change({ ...m.msg }) as unknown as Smp2 });
      case 3:
        return encodeSmpTlv({ step: 3, msg: change({ ...m.msg }) as unknown as Smp3 });
      case 4:
        return encodeSmpTlv({ step: 4, msg: change({ ...m.msg }) as unknown as Smp4 });
    }
  };
}
const set = (step: Step, name: string, value: bigint) => fields(step, (m) => ({ ...m, [name]: value }));
const tweak = (step: Step, name: string, f: (v: bigint) => bigint) =>
  fields(step, (m) => ({ ...m, [name]: f(m[name] as bigint) }));
const TYPES: Record<Step, number[]> = { 1: [TLV_SMP1, TLV_SMP1Q], 2: [TLV_SMP2], 3: [TLV_SMP3], 4: [TLV_SMP4] };
/** Changes the raw bytes of one step's TLV value. */
const bytes =
  (step: Step, change: (v: Uint8Array) => Uint8Array): Rewrite =>
  (t) =>
    TYPES[step].includes(t.type) ? { type: t.type, value: change(t.value) } : t;
const mpiList = (...values: bigint[]) => {
  const w = new Writer().int(values.length);
  for (const v of values) w.mpi(v);
  return w.finish();
};

/** Runs an SMP from alice in which `step` is rewritten on its way (then the tap comes off). */
function runTampered(step: Step, rewrite: Rewrite) {
  const { alice, bob } = privatePair(`-${step}`);
  const sender = step === 1 || step === 3 ? alice : bob;
  const receiver = sender === alice ? bob : alice;
  const tap = tapSmp(sender, rewrite);
  act(alice, bob, alice.conv.smpStart('secret'));
  if (step !== 1) act(bob, alice, bob.conv.smpRespond('secret'));
  tap.untap();
  return { alice, bob, sender, receiver };
}

function expectRecovered(alice: Party, bob: Party): void {
  expect(alice.conv.instances.get(BOB_TAG)?.smp.name).toBe('idle');
  expect(bob.conv.instances.get(ALICE_TAG)?.smp.name).toBe('idle');
  say(alice, bob, 'after the attack');
  say(bob, alice, 'still here');
  expect(bob.received.at(-1)?.text).toBe('after the attack');
  expect(alice.received.at(-1)?.text).toBe('still here');
}

function expectFreshSmpSucceeds(alice: Party, bob: Party): void {
  const before = smpEvents(alice).length;
  act(alice, bob, alice.conv.smpStart('fresh'));
  act(bob, alice, bob.conv.smpRespond('fresh'));
  expect(smpEvents(alice).slice(before).at(-1)).toMatchObject({ kind: 'succeeded' });
}

const P1 = P - 1n;
const CASES: [string, Step, Rewrite, RegExp][] = [
  ['message 1: g2a = 0', 1, set(1, 'g2a', 0n), /g2a is not a valid group element/],
  ['message 1: g2a = 1', 1, set(1, 'g2a', 1n), /g2a is not a valid group element/],
  ['message 1: g2a = p-1', 1, set(1, 'g2a', P1), /g2a is not a valid group element/],
  ['message 1: g2a = p', 1, set(1, 'g2a', P), /g2a is not a valid group element/],
  ['message 1: g3a = p-1', 1, set(1, 'g3a', P1), /g3a is not a valid group element/],
  ['message 1: D2 = 0', 1, set(1, 'd2', 0n), /D2 is not a valid exponent/],
  ['message 1: D3 = q', 1, set(1, 'd3', Q), /D3 is not a valid exponent/],
  ['message 1: c2 longer than a hash', 1, set(1, 'c2', 1n << 256n), /c2 is longer than a hash/],
  ['message 1: c2 off by one', 1, tweak(1, 'c2', (v) => v ^ 1n), /proof for g2a does not verify/],
  ['message 1: D3 off by one', 1, tweak(1, 'd3', (v) => mod(v - 1n, Q) || 1n), /proof for g3a does not verify/],
  ['message 1: g2a another valid element', 1, set(1, 'g2a', G1 ** 77n), /proof for g2a does not verify/],
  ['message 1: five MPIs', 1, bytes(1, () => mpiList(2n, 3n, 4n, 5n, 6n)), /5 MPIs instead of 6/],
  ['message 1: seven MPIs', 1, bytes(1, () => mpiList(2n, 3n, 4n, 5n, 6n, 7n, 8n)), /7 MPIs instead of 6/],
  ['message 1: value cut short', 1, bytes(1, (v) => v.subarray(0, v.length - 1)), /truncated/],
  ['message 1: a trailing byte', 1, bytes(1, (v) => Uint8Array.of(...v, 0)), /trailing/],
  [
    'message 1Q: no NUL after the question',
    1,
    (t) => (t.type === TLV_SMP1 ? { type: TLV_SMP1Q, value: new TextEncoder().encode('a question, then nothing') } : t),
    /no terminating NUL/,
  ],
  ['message 2: g2b = 1', 2, set(2, 'g2b', 1n), /g2b is not a valid group element/],
  ['message 2: g3b = p', 2, set(2, 'g3b', P), /g3b is not a valid group element/],
  ['message 2: Pb = 0', 2, set(2, 'pb', 0n), /Pb is not a valid group element/],
  ['message 2: Qb = p-1', 2, set(2, 'qb', P1), /Qb is not a valid group element/],
  ['message 2: D5 = q', 2, set(2, 'd5', Q), /D5 is not a valid exponent/],
  ['message 2: D6 = 0', 2, set(2, 'd6', 0n), /D6 is not a valid exponent/],
  ['message 2: c3 off by one', 2, tweak(2, 'c3', (v) => v ^ 1n), /proof for g3b does not verify/],
  ['message 2: cP off by one', 2, tweak(2, 'cp', (v) => v ^ 1n), /proof for Pb and Qb does not verify/],
  ['message 2: Qb doubled', 2, tweak(2, 'qb', (v) => (v * 2n) % P), /proof for Pb and Qb does not verify/],
  ['message 2: ten MPIs', 2, bytes(2, () => mpiList(...Array.from({ length: 10 }, () => 5n))), /10 MPIs instead of 11/],
  ['message 2: empty', 2, bytes(2, () => new Uint8Array(0)), /truncated/],
  ['message 3: Pa = p-1', 3, set(3, 'pa', P1), /Pa is not a valid group element/],
  ['message 3: Qa = 0', 3, set(3, 'qa', 0n), /Qa is not a valid group element/],
  ['message 3: Ra = 1', 3, set(3, 'ra', 1n), /Ra is not a valid group element/],
  ['message 3: D7 = q', 3, set(3, 'd7', Q), /D7 is not a valid exponent/],
  ['message 3: cR off by one', 3, tweak(3, 'cr', (v) => v ^ 1n), /proof for Ra does not verify/],
  ['message 3: Ra another valid element', 3, tweak(3, 'ra', (v) => (v * 4n) % P), /proof for Ra does not verify/],
  [
    'message 3: Pa another valid element',
    3,
    tweak(3, 'pa', (v) => (v * 4n) % P),
    /proof for Pa and Qa does not verify/,
  ],
  ['message 3: value cut short', 3, bytes(3, (v) => v.subarray(0, 100)), /truncated/],
  ['message 4: Rb = 0', 4, set(4, 'rb', 0n), /Rb is not a valid group element/],
  ['message 4: Rb = p', 4, set(4, 'rb', P), /Rb is not a valid group element/],
  ['message 4: D7 = 0', 4, set(4, 'd7', 0n), /D7 is not a valid exponent/],
  ['message 4: cR off by one', 4, tweak(4, 'cr', (v) => v ^ 1n), /proof for Rb does not verify/],
  ['message 4: Rb another valid element', 4, tweak(4, 'rb', (v) => (v * 4n) % P), /proof for Rb does not verify/],
  ['message 4: two MPIs', 4, bytes(4, () => mpiList(5n, 6n)), /2 MPIs instead of 3/],
];

describe('malformed SMP messages between two conversations', () => {
  for (const [name, step, rewrite, reason] of CASES) {
    it(`${name}: cheated, abort both ways, session fine`, () => {
      const { alice, bob, sender, receiver } = runTampered(step, rewrite);
      expect(smpEvents(receiver).at(-1)).toMatchObject({ kind: 'cheated', reason: expect.stringMatching(reason) });
      // The sender hears the abort, unless it was already done (bob after sending message 4).
      if (step !== 4) expect(smpEvents(sender).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
      expect([...smpEvents(alice), ...smpEvents(bob)].map((e) => e.kind)).not.toContain('failed');
      expect(smpEvents(receiver).map((e) => e.kind)).not.toContain('succeeded');
      expectRecovered(alice, bob);
      expectFreshSmpSucceeds(alice, bob);
    });
  }
});

describe('SMP messages out of order or cut short in their TLV record', () => {
  /** `from` sends one TLV of our choosing in a data message of its session with `to`. */
  const sendRaw = (from: Party, to: Party, tlv: Tlv) =>
    deliver(
      from,
      to,
      from.conv.sendTlvs(from.name === 'alice' ? BOB_TAG : ALICE_TAG, [tlv], '', FLAG_IGNORE_UNREADABLE).send,
    );

  it('message 2 to a conversation that started nothing: error, abort, session fine', () => {
    const { alice, bob } = privatePair();
    const stray = privatePair('-stray');
    act(stray.alice, stray.bob, stray.alice.conv.smpStart('s'));
    const tap = tapSmp(stray.bob);
    act(stray.bob, stray.alice, stray.bob.conv.smpRespond('s'));
    sendRaw(bob, alice, tap.seen[0] as Tlv);
    expect(smpEvents(alice).at(-1)).toMatchObject({
      kind: 'error',
      reason: 'SMP message 2 arrived while expecting message 1',
    });
    expectRecovered(alice, bob);
    expectFreshSmpSucceeds(alice, bob);
  });

  it('message 3 replayed (sealed again) after the SMP ended: error and abort, nothing else changes', () => {
    const { alice, bob } = privatePair();
    const tap = tapSmp(alice);
    act(alice, bob, alice.conv.smpStart('s'));
    act(bob, alice, bob.conv.smpRespond('s'));
    expect(smpEvents(bob).at(-1)).toMatchObject({ kind: 'succeeded' });
    sendRaw(alice, bob, tap.seen[1] as Tlv);
    expect(smpEvents(bob).at(-1)).toMatchObject({
      kind: 'error',
      reason: 'SMP message 3 arrived while expecting message 1',
    });
    expectRecovered(alice, bob);
  });

  it('message 4 while the responder waits for its user: error, abort, the asker hears it', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('s'));
    sendRaw(alice, bob, encodeSmpTlv({ step: 4, msg: { rb: 5n, cr: 6n, d7: 7n } }));
    expect(smpEvents(bob).at(-1)).toMatchObject({
      kind: 'error',
      reason: 'SMP message 4 arrived while expecting message 1',
    });
    expect(smpEvents(alice).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
    expect(bob.conv.smpRespond('s').events[0]).toMatchObject({ kind: 'error' });
    expectRecovered(alice, bob);
    expectFreshSmpSucceeds(alice, bob);
  });

  it('an SMP record cut short in the data message (its length runs past the end): malformed, cheated, abort', () => {
    const { alice, bob } = privatePair();
    act(alice, bob, alice.conv.smpStart('s'));
    // Seal by hand: a TLV 3 header claiming 500 bytes, followed by 10.
    const inst = alice.conv.instances.get(BOB_TAG)!;
    const plaintext = Uint8Array.of(...encodePlaintext('', []), 0, TLV_SMP3, 0x01, 0xf4, ...new Uint8Array(10));
    const sealed = sealDataMessage(
      (inst.private as PrivateSession).ring,
      { version: 3, senderTag: ALICE_TAG, receiverTag: BOB_TAG },
      plaintext,
      FLAG_IGNORE_UNREADABLE,
      nobleSymmetric,
    );
    deliver(alice, bob, [{ text: encodeOtrMessage(sealed.bytes), otr: true }]);
    expect(bob.events).toContainEqual({ type: 'malformed', reason: 'a truncated TLV value' });
    expect(smpEvents(bob).at(-1)).toMatchObject({
      kind: 'cheated',
      reason: 'an SMP message cut short in its TLV record',
    });
    expect(smpEvents(alice).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
    expectRecovered(alice, bob);
    expectFreshSmpSucceeds(alice, bob);
  });
});
