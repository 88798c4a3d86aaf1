/**
 * Verification inside an OTRv4 conversation: the SMP on Ed448 (with and without a
 * question, matching and not), bound to both v4 fingerprints, and the extra
 * symmetric key (TLV 7, a key per TLV derived from the message's).
 */
import { describe, expect, it } from 'vitest';
import { deliver, startOtr, type Party } from '../test-support/pair';
import { makeV4Pair } from '../test-support/v4-pair';
import type { Outcome } from './conversation-types';

function run(from: Party, to: Party, out: Outcome): void {
  from.events.push(...out.events);
  deliver(from, to, out.send);
}

const smpResults = (p: Party) =>
  p.events.flatMap((e) => (e.type === 'smp' && ['succeeded', 'failed'].includes(e.kind) ? [e] : []));

function privatePair() {
  const pair = makeV4Pair('manual');
  startOtr(pair.alice, pair.bob);
  return pair;
}

describe('verification over OTRv4', () => {
  it('an SMP with a question whose answer matches succeeds, for the buddy’s v4 fingerprint', () => {
    const { alice, bob } = privatePair();
    run(alice, bob, alice.conv.smpStart('blue', 'Favourite colour?'));
    expect(bob.events).toContainEqual(
      expect.objectContaining({ type: 'smp', kind: 'asked-for-answer', question: 'Favourite colour?' }),
    );
    run(bob, alice, bob.conv.smpRespond('blue'));
    expect(smpResults(alice)).toMatchObject([{ kind: 'succeeded', markVerified: true }]);
    expect(smpResults(bob)).toMatchObject([{ kind: 'succeeded', markVerified: false }]);
    const [done] = smpResults(alice);
    expect(done && 'fingerprint' in done ? done.fingerprint : undefined).toEqual(alice.conv.status().fingerprint);
    expect(alice.conv.status().fingerprint).toHaveLength(56);
  });

  it('an SMP with different secrets fails on both sides', () => {
    const { alice, bob } = privatePair();
    run(alice, bob, alice.conv.smpStart('one secret'));
    expect(bob.events).toContainEqual(expect.objectContaining({ type: 'smp', kind: 'asked-for-secret' }));
    run(bob, alice, bob.conv.smpRespond('another'));
    expect(smpResults(alice)).toMatchObject([{ kind: 'failed' }]);
    expect(smpResults(bob)).toMatchObject([{ kind: 'failed' }]);
  });

  it('the SMP aborted by one side is reported aborted by the other', () => {
    const { alice, bob } = privatePair();
    run(alice, bob, alice.conv.smpStart('secret'));
    run(bob, alice, bob.conv.smpAbort());
    expect(alice.events).toContainEqual(expect.objectContaining({ type: 'smp', kind: 'aborted', by: 'peer' }));
  });

  it('the extra symmetric key the sender gets is the one the buddy derives, per use', () => {
    const { alice, bob } = privatePair();
    const sent = alice.conv.useExtraKey(0x0000_0042, Uint8Array.of(1, 2, 3));
    expect(sent.key).toHaveLength(64);
    run(alice, bob, sent);
    const got = bob.events.find((e) => e.type === 'extra-key');
    expect(got).toMatchObject({ type: 'extra-key', use: 0x42, data: Uint8Array.of(1, 2, 3) });
    expect(got && 'key' in got ? got.key : undefined).toEqual(sent.key);
  });
});
