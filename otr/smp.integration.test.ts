/**
 * Sotto's SMP and extra symmetric key against the real libotr 4.1.1 (through
 * testkit/libotr-harness): both directions, with and without a question, right
 * and wrong secrets, aborts, restarts, key rotation afterwards, and the harness's
 * view of trust (libotr writes "smp" for the fingerprint it verified).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { fingerprint } from './crypto/dsa';
import { Conversation } from './session/conversation';
import type { Outcome } from './session/conversation-types';
import { decodeSmpTlv, encodeSmpTlv } from './smp/smp-messages';
import { ALICE_KEY } from './test-support/fixtures';
import type { LibotrEvent } from '../testkit/libotr/events';
import { POLICY, startLibotrPeer, type LibotrPeer } from '../testkit/libotr/peer';
import { shuttle } from '../testkit/libotr/shuttle';
import { tapSmp } from './test-support/smp';
import { SottoParty } from '../testkit/libotr/sotto-party';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const ALICE_FP = toHex(fingerprint(ALICE_KEY));

let peers: LibotrPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.map((p) => p.stop()));
  peers = [];
});

/** Sotto's alice and libotr's bob, private with each other. */
async function privatePair(): Promise<{ alice: SottoParty<Conversation>; bob: LibotrPeer }> {
  const bob = await startLibotrPeer({ account: BOB, policy: POLICY.MANUAL });
  peers.push(bob);
  const alice = new SottoParty(ALICE, ALICE_KEY, 0x5070_7070, {
    policy: 'manual',
    create: (options) => new Conversation(options),
  });
  await shuttle(alice, bob, alice.start());
  expect(alice.conv.status().state).toBe('encrypted');
  return { alice, bob };
}

/** What Sotto's user did: events recorded, wire returned for `shuttle`. */
function wire(alice: SottoParty, out: Outcome): string[] {
  alice.events.push(...out.events);
  return out.send.map((m) => m.text);
}

const sottoSmp = (alice: SottoParty) => alice.events.flatMap((e) => (e.type === 'smp' ? [e] : []));
const sottoKinds = (alice: SottoParty) => sottoSmp(alice).map((e) => e.kind);
const libotrSmp = (bob: LibotrPeer) =>
  bob.events.flatMap((e) =>
    e.type === 'smp' ? [`${e.event} ${e.progress}${e.question ? ` ${e.question}` : ''}`] : [],
  );
const libotrTrust = (bob: LibotrPeer) =>
  bob.events.filter((e): e is Extract<LibotrEvent, { type: 'trust' }> => e.type === 'trust');

async function exchange(alice: SottoParty, bob: LibotrPeer, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const toBob = await shuttle(alice, bob, alice.send(`sotto ${i}`));
    expect(toBob.map((d) => d.plaintext).filter(Boolean)).toEqual([`sotto ${i}`]);
    await shuttle(bob, alice, (await bob.send(ALICE, `libotr ${i}`)).wire);
    expect(alice.received.at(-1)).toMatchObject({ text: `libotr ${i}`, encrypted: true });
  }
  expect(alice.events.filter((e) => e.type === 'unreadable' || e.type === 'malformed')).toEqual([]);
}

describe('SMP: Sotto asks, libotr answers', () => {
  it('succeeds on both sides without a question; libotr marks Sotto’s fingerprint "smp"', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('the blue house')));
    expect(libotrSmp(bob)).toEqual(['ASK_FOR_SECRET 25']);
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'the blue house')).wire);
    expect(libotrSmp(bob)).toEqual(['ASK_FOR_SECRET 25', 'SUCCESS 100']);
    expect(libotrTrust(bob)).toEqual([{ type: 'trust', peer: ALICE, fingerprint: ALICE_FP, trust: 'smp' }]);
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
    expect(toHex((sottoSmp(alice).at(-1) as { fingerprint: Uint8Array }).fingerprint)).toBe(bob.fingerprint);
    expect((await bob.status(ALICE)).trust).toBe('smp');
  });

  it('with a question: libotr is asked it; Sotto (the asker) marks verified, libotr (the answerer) does not', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('Paris', 'Where did we meet? ✓')));
    expect(libotrSmp(bob)).toEqual(['ASK_FOR_ANSWER 25 Where did we meet? ✓']);
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'Paris')).wire);
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
    expect((await bob.status(ALICE)).trust).toBeNull();
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
  });

  it('fails on both sides with a wrong secret', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('one secret')));
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'another secret')).wire);
    expect(libotrSmp(bob).at(-1)).toBe('FAILURE 100');
    expect(libotrTrust(bob).at(-1)?.trust).toBeNull();
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'failed' });
  });
});

describe('SMP: libotr asks, Sotto answers', () => {
  it('succeeds on both sides without a question; both mark the other verified', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(bob, alice, (await bob.smpStart(ALICE, 'correct horse')).wire);
    expect(sottoSmp(alice)).toEqual([expect.objectContaining({ kind: 'asked-for-secret', percent: 25 })]);
    await shuttle(alice, bob, wire(alice, alice.conv.smpRespond('correct horse')));
    expect(libotrSmp(bob)).toEqual(['IN_PROGRESS 60', 'SUCCESS 100']);
    expect(libotrTrust(bob)).toEqual([{ type: 'trust', peer: ALICE, fingerprint: ALICE_FP, trust: 'smp' }]);
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: true });
  });

  it('with a question: Sotto shows it; libotr (the asker) trusts, Sotto is told not to', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(bob, alice, (await bob.smpStart(ALICE, 'Rex', 'Name of my first dog?')).wire);
    expect(sottoSmp(alice)).toEqual([
      expect.objectContaining({ kind: 'asked-for-answer', question: 'Name of my first dog?' }),
    ]);
    await shuttle(alice, bob, wire(alice, alice.conv.smpRespond('Rex')));
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
    expect((await bob.status(ALICE)).trust).toBe('smp');
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'succeeded', markVerified: false });
  });

  it('fails on both sides with a wrong answer', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(bob, alice, (await bob.smpStart(ALICE, 'Rex', 'Name of my first dog?')).wire);
    await shuttle(alice, bob, wire(alice, alice.conv.smpRespond('rex')));
    expect(libotrSmp(bob).at(-1)).toBe('FAILURE 100');
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'failed' });
  });
});

describe('SMP aborts and restarts with libotr', () => {
  it('Sotto aborts while libotr waits for its user; a restarted SMP then succeeds', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('s1')));
    await shuttle(alice, bob, wire(alice, alice.conv.smpAbort()));
    expect(libotrSmp(bob)).toEqual(['ASK_FOR_SECRET 25', 'ABORT 0']);
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('s2')));
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 's2')).wire);
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
    expect(sottoKinds(alice).at(-1)).toBe('succeeded');
  });

  it('libotr aborts midway (Sotto’s message 3 still in flight): both reset, then a restart succeeds', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('s1')));
    const inFlight: string[] = [];
    // Message 2 reaches Sotto, whose message 3 is held back on the way to libotr.
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 's1')).wire, {
      intercept: (m) => (m.from === ALICE ? (inFlight.push(m.wire), []) : undefined),
    });
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'in-progress', percent: 60 });
    await shuttle(bob, alice, (await bob.smpAbort(ALICE)).wire);
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
    expect(alice.conv.instances.get(bob.instanceTag)?.smp.name).toBe('idle');
    // Message 3 arrives after all: out of turn for libotr, which reports ERROR and aborts again; Sotto is idle and stays quiet.
    await shuttle(alice, bob, inFlight);
    expect(libotrSmp(bob).at(-1)).toBe('ERROR 0');
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('s2', 'again?')));
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 's2')).wire);
    expect(sottoKinds(alice).at(-1)).toBe('succeeded');
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
  });

  it('Sotto restarts an SMP under way (abort, then message 1): libotr follows', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('first')));
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('second')));
    expect(libotrSmp(bob)).toEqual(['ASK_FOR_SECRET 25', 'ABORT 0', 'ASK_FOR_SECRET 25']);
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'second')).wire);
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
  });

  it('both begin at once (messages 1 cross): each aborts the other’s, both reset, then one SMP succeeds', async () => {
    const { alice, bob } = await privatePair();
    const fromAlice = wire(alice, alice.conv.smpStart('x'));
    const fromBob = (await bob.smpStart(ALICE, 'x')).wire;
    // Each receives the other's message 1 while waiting for message 2.
    const aliceAborts = fromBob.flatMap((w) => {
      const out = alice.conv.receive(w);
      alice.events.push(...out.events);
      return out.send.map((m) => m.text);
    });
    const bobAborts = (await Promise.all(fromAlice.map((w) => bob.receive(ALICE, w)))).flatMap((r) => r.wire);
    expect(sottoSmp(alice).at(-1)).toMatchObject({
      kind: 'error',
      reason: 'SMP message 1 arrived while expecting message 2',
    });
    expect(libotrSmp(bob)).toEqual(['ERROR 0']);
    await shuttle(alice, bob, aliceAborts);
    await shuttle(bob, alice, bobAborts);
    expect(libotrSmp(bob)).toEqual(['ERROR 0', 'ABORT 0']);
    expect(alice.conv.instances.get(bob.instanceTag)?.smp.name).toBe('idle');
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('y')));
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'y')).wire);
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
    expect(sottoKinds(alice).at(-1)).toBe('succeeded');
  });

  it('a corrupted proof from Sotto: libotr reports CHEATED and aborts, Sotto sees the abort', async () => {
    const { alice, bob } = await privatePair();
    tapSmp(alice, (t) => {
      const m = decodeSmpTlv(t);
      return m.step === 1 ? encodeSmpTlv({ ...m, msg: { ...m.msg, d2: m.msg.d2 ^ 1n } }) : t;
    });
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('tampered')));
    expect(libotrSmp(bob)).toEqual(['CHEATED 0']);
    expect(sottoSmp(alice).at(-1)).toMatchObject({ kind: 'aborted', by: 'peer' });
  });
});

describe('SMP inside a session that goes on with libotr', () => {
  it('after a successful SMP, messages rotate keys both ways and a second SMP (other direction) succeeds', async () => {
    const { alice, bob } = await privatePair();
    await shuttle(alice, bob, wire(alice, alice.conv.smpStart('before')));
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'before')).wire);
    expect(sottoKinds(alice).at(-1)).toBe('succeeded');
    await exchange(alice, bob, 8);
    await shuttle(bob, alice, (await bob.smpStart(ALICE, 'after')).wire);
    await shuttle(alice, bob, wire(alice, alice.conv.smpRespond('after')));
    expect(libotrSmp(bob).at(-1)).toBe('SUCCESS 100');
    expect(sottoKinds(alice).at(-1)).toBe('succeeded');
    await exchange(alice, bob, 3);
  });
});

describe('extra symmetric key with libotr', () => {
  it('Sotto sends TLV 8: libotr derives the same 32 bytes, with the use and data', async () => {
    const { alice, bob } = await privatePair();
    await exchange(alice, bob, 2);
    const out = alice.conv.useExtraKey(0x0001_0002, new TextEncoder().encode('file-transfer 42'));
    await shuttle(alice, bob, wire(alice, out));
    const got = bob.events.filter(
      (e): e is Extract<LibotrEvent, { type: 'receivedSymkey' }> => e.type === 'receivedSymkey',
    );
    expect(got).toHaveLength(1);
    expect(got[0]?.use).toBe(0x0001_0002);
    expect(got[0]?.usedata.toString('utf8')).toBe('file-transfer 42');
    expect(got[0]?.key).toBe(toHex(out.key!));
  });

  it('libotr sends TLV 8: Sotto’s event carries the key libotr returned', async () => {
    const { alice, bob } = await privatePair();
    await exchange(alice, bob, 1);
    const sent = await bob.symkey(ALICE, 7, 'voice');
    await shuttle(bob, alice, sent.wire);
    const got = alice.events.filter((e) => e.type === 'extra-key');
    expect(got).toEqual([expect.objectContaining({ use: 7, data: new TextEncoder().encode('voice') })]);
    expect(toHex((got[0] as { key: Uint8Array }).key)).toBe(sent.key);
  });
});
