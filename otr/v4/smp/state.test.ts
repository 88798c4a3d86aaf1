import { describe, expect, it } from 'vitest';
import { SMP_IDLE } from '../../smp/smp-state';
import { applyV4, deliverV4, runSmpV4, smpContextsV4, smpSideV4 } from '../../test-support/v4-smp';
import { TLV4_SMP1, TLV4_SMP2, TLV4_SMP3, TLV4_SMP4 } from '../wire/tlv';
import { isSmpStateV4, respondSmpV4, SMP_IDLE_V4, startSmpV4 } from './state';

const { alice: aliceCtx, bob: bobCtx } = smpContextsV4();

describe('a whole SMP v4', () => {
  it('succeeds on both sides when the secrets match, without a question', () => {
    const { alice, bob } = runSmpV4('swordfish', 'swordfish');
    expect(alice.events).toEqual([
      { kind: 'in-progress', percent: 20 },
      { kind: 'in-progress', percent: 60 },
      { kind: 'succeeded', percent: 100, fingerprint: bobCtx.ourFingerprint, markVerified: true },
    ]);
    expect(bob.events).toEqual([
      { kind: 'asked-for-secret', percent: 25 },
      { kind: 'in-progress', percent: 50 },
      { kind: 'succeeded', percent: 100, fingerprint: aliceCtx.ourFingerprint, markVerified: true },
    ]);
  });

  it('succeeds with a question, and the side that answered it does not mark the key verified', () => {
    const { alice, bob } = runSmpV4('blue', 'blue', { question: 'Favourite colour?' });
    expect(bob.events[0]).toEqual({ kind: 'asked-for-answer', question: 'Favourite colour?', percent: 25 });
    expect(alice.events.at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
    expect(bob.events.at(-1)).toMatchObject({ kind: 'succeeded', markVerified: false });
  });

  it('succeeds when the other party of the session begins, without a question', () => {
    const { alice, bob } = runSmpV4('swordfish', 'swordfish', { reversed: true });
    expect(alice.events.at(-1)).toMatchObject({ kind: 'succeeded', fingerprint: aliceCtx.ourFingerprint });
    expect(bob.events.at(-1)).toMatchObject({ kind: 'succeeded', fingerprint: bobCtx.ourFingerprint });
  });

  it('succeeds when the other party of the session begins, with a question', () => {
    const { alice, bob } = runSmpV4('blue', 'blue', { reversed: true, question: 'Favourite colour?' });
    expect(alice.events.at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
    expect(bob.events.at(-1)).toMatchObject({ kind: 'succeeded', markVerified: false });
  });

  it('fails on both sides when the secrets differ', () => {
    const { alice, bob } = runSmpV4('swordfish', 'swordfish2');
    expect(alice.events.at(-1)).toEqual({ kind: 'failed', percent: 100, fingerprint: bobCtx.ourFingerprint });
    expect(bob.events.at(-1)).toEqual({ kind: 'failed', percent: 100, fingerprint: aliceCtx.ourFingerprint });
  });

  it('fails with a question when the answer differs', () => {
    const { alice, bob } = runSmpV4('blue', 'Blue', { question: 'Favourite colour?' });
    expect([alice.events.at(-1)?.kind, bob.events.at(-1)?.kind]).toEqual(['failed', 'failed']);
  });

  it('takes a trailing space as another secret', () => {
    const { alice, bob } = runSmpV4('swordfish', 'swordfish ');
    expect([alice.events.at(-1)?.kind, bob.events.at(-1)?.kind]).toEqual(['failed', 'failed']);
  });

  it('sends one TLV per message, of types 2, 3, 4 and 5, and both sides end idle', () => {
    const { alice, bob } = runSmpV4('swordfish', 'swordfish', { question: 'q' });
    expect(alice.sent.map((t) => t.type)).toEqual([TLV4_SMP1, TLV4_SMP3]);
    expect(bob.sent.map((t) => t.type)).toEqual([TLV4_SMP2, TLV4_SMP4]);
    expect([alice.state, bob.state]).toEqual([SMP_IDLE_V4, SMP_IDLE_V4]);
  });

  it('shows a question changed on the way as changed, and still compares only the secrets', () => {
    const { bob } = runSmpV4('blue', 'blue', {
      question: 'Favourite colour?',
      inFlight: (t) => {
        if (t.type !== TLV4_SMP1) return t;
        const value = t.value.slice();
        value[4] = 0x66; // 'F' -> 'f'
        return { type: t.type, value };
      },
    });
    expect(bob.events[0]).toMatchObject({ kind: 'asked-for-answer', question: 'favourite colour?' });
    expect(bob.events.at(-1)).toMatchObject({ kind: 'succeeded' });
  });

  it('fails with the same secret when the two sides hold different SSIDs (a man in the middle)', () => {
    const alice = smpSideV4(aliceCtx);
    const bob = smpSideV4({ ...bobCtx, ssid: Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9) });
    const msg1 = applyV4(alice, startSmpV4(alice.state, alice.ctx, 'swordfish'));
    deliverV4(bob, msg1);
    const msg2 = applyV4(bob, respondSmpV4(bob.state, bob.ctx, 'swordfish'));
    deliverV4(alice, deliverV4(bob, deliverV4(alice, msg2)));
    expect([alice.events.at(-1)?.kind, bob.events.at(-1)?.kind]).toEqual(['failed', 'failed']);
  });

  it('tells its states from OTRv3 ones held in the same field', () => {
    expect(isSmpStateV4(SMP_IDLE_V4)).toBe(true);
    expect(isSmpStateV4(SMP_IDLE)).toBe(false);
  });
});
