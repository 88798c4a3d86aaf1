/**
 * Proves the libotr interop harness and its driver in conversation: two real
 * libotr 4.1.1 users (alice and bob) hold whole conversations through the
 * driver, the way our own engine talks to one of them in the interop tests. If
 * these fail, every interop test built on the harness would fail for a reason
 * unrelated to our engine. The harness's build, key files and bench mode:
 * harness.integration.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY, type LibotrPeer } from './peer';
import { shuttle } from './shuttle';
import { ALICE, BOB, ofType, secure, useLibotrPeers } from './test-support/peers';

/** OTRL_MESSAGE_TAG_BASE and the V2 and V3 tags: the whitespace tag libotr appends. */
const TAG_BASE = ' \t  \t\t\t\t \t \t \t  ';
const TAG_V2 = '  \t\t  \t ';
const TAG_V3 = '  \t\t  \t\t';

const { start, pair } = useLibotrPeers();

describe('libotr <-> libotr through the driver', () => {
  it('runs the AKE from a query, then carries encrypted messages both ways', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    expect(alice.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    expect(alice.instanceTag).toBeGreaterThanOrEqual(0x100);

    const query = await alice.query(BOB);
    expect(query.wire).toHaveLength(1);
    expect(query.wire[0]).toMatch(/^\?OTRv23\?\n<b>alice@sotto\.test<\/b> has requested/);
    const oneLine = await alice.queryOneLine(BOB);
    expect(oneLine.wire).toEqual(['?OTRv23?']);

    const deliveries = await shuttle(alice, bob, query.wire);
    // Query, DH-Commit, DH-Key, Reveal Signature, Signature: nothing more.
    expect(deliveries.map((d) => `${d.to}:${d.wire.slice(0, 9)}`)).toEqual([
      `${BOB}:?OTRv23?\n`,
      `${ALICE}:?OTR:AAMC`,
      `${BOB}:?OTR:AAMK`,
      `${ALICE}:?OTR:AAMR`,
      `${BOB}:?OTR:AAMS`,
    ]);
    expect(ofType(alice.events, 'goneSecure')).toEqual([
      { type: 'goneSecure', peer: BOB, instanceTag: bob.instanceTag },
    ]);
    expect(ofType(bob.events, 'newFingerprint')).toEqual([
      { type: 'newFingerprint', peer: ALICE, fingerprint: alice.fingerprint },
    ]);
    // Bob sent the v3 DH-Commit, so libotr asked for a timer to expire it.
    // The commit stays on the master context for 60 s after the AKE, for
    // other logins of alice to answer, so a poll now leaves the timer on.
    expect(ofType(bob.events, 'timer')).toEqual([{ type: 'timer', interval: 70 }]);
    expect((await bob.poll()).events).toEqual([]);

    const [a, b] = [await alice.status(BOB), await bob.status(ALICE)];
    expect(a).toMatchObject({
      msgstate: 'encrypted',
      fingerprint: bob.fingerprint,
      protocolVersion: 3,
      instanceTag: bob.instanceTag,
      trust: null,
    });
    expect(b).toMatchObject({
      msgstate: 'encrypted',
      fingerprint: alice.fingerprint,
      protocolVersion: 3,
      instanceTag: alice.instanceTag,
      trust: null,
    });
    expect(a.ssid).toMatch(/^[0-9a-f]{16}$/);
    expect(b.ssid).toBe(a.ssid);
    expect(a.instances).toEqual([
      { instanceTag: bob.instanceTag, msgstate: 'encrypted', fingerprint: bob.fingerprint },
    ]);

    const hello = await alice.send(BOB, 'hello bob');
    expect(hello.wire).toHaveLength(1);
    expect(hello.wire[0]).toMatch(/^\?OTR:AAMD.*\.$/);
    const got = await bob.receive(ALICE, hello.wire[0] as string);
    expect(got).toMatchObject({ plaintext: 'hello bob', encrypted: true, ignored: false });

    const reply = 'héllo  alice,\nspaces\tand ✓ survive';
    const sent = await bob.send(ALICE, reply);
    expect(await shuttle(bob, alice, sent.wire)).toEqual([
      { from: BOB, to: ALICE, wire: sent.wire[0], plaintext: reply },
    ]);
  });

  it('starts the AKE from a whitespace tag under OPPORTUNISTIC, sending the tagged text exactly once', async () => {
    const { alice, bob } = await pair({ policy: POLICY.OPPORTUNISTIC });
    const first = await alice.send(BOB, 'hi bob');
    expect(first.wire).toHaveLength(1);
    expect(first.wire[0]).toBe(`hi bob${TAG_BASE}${TAG_V2}${TAG_V3}`);

    const got = await bob.receive(ALICE, first.wire[0] as string);
    expect(got).toMatchObject({ plaintext: 'hi bob', encrypted: false });
    expect(got.wire).toHaveLength(1);
    expect(got.wire[0]).toMatch(/^\?OTR:AAMC/);
    await shuttle(bob, alice, got.wire);
    expect((await alice.status(BOB)).msgstate).toBe('encrypted');
    expect((await bob.status(ALICE)).msgstate).toBe('encrypted');

    // Once the peer has answered in OTR, no more tags: an encrypted message.
    expect((await alice.send(BOB, 'now private')).wire[0]).toMatch(/^\?OTR:AAMD/);
  });

  it('sends plain text unchanged, once, when the policy adds no tag', async () => {
    const { alice } = await pair({ policy: POLICY.MANUAL });
    const sent = await alice.send(BOB, 'just text');
    expect(sent.wire).toEqual(['just text']);
  });

  it('under ALWAYS, holds a message typed before the AKE and sends it encrypted afterwards', async () => {
    const { alice, bob } = await pair({ policy: POLICY.ALWAYS });
    const held = await alice.send(BOB, 'not in the clear');
    expect(ofType(held.events, 'msgEvent').map((e) => e.event)).toEqual(['ENCRYPTION_REQUIRED']);
    expect(held.wire).toHaveLength(1);
    expect(held.wire[0]).toMatch(/^\?OTRv23\?\n/);
    const deliveries = await shuttle(alice, bob, held.wire);
    expect(deliveries.filter((d) => d.plaintext !== undefined)).toEqual([
      expect.objectContaining({ from: ALICE, to: BOB, plaintext: 'not in the clear' }),
    ]);
    expect(deliveries.some((d) => d.wire.includes('not in the clear'))).toBe(false);
  });

  it('fragments the AKE and a 10 kB message at 400 bytes and reassembles them', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL, maxMessageSize: 400 });
    const ake = await secure(alice, bob);
    const akeMessages = ake.slice(1); // the query itself is never fragmented
    expect(akeMessages.length).toBeGreaterThan(4);
    for (const d of akeMessages) expect(d.wire.length).toBeLessThanOrEqual(400);

    const text = 'ten kilobytes, '.repeat(700).slice(0, 10_000);
    const sent = await alice.send(BOB, text);
    expect(sent.wire.length).toBeGreaterThan(25);
    sent.wire.forEach((fragment, i) => {
      expect(fragment.length).toBeLessThanOrEqual(400);
      const header = `?OTR|${alice.instanceTag.toString(16).padStart(8, '0')}|${bob.instanceTag.toString(16).padStart(8, '0')},${String(i + 1).padStart(5, '0')},${String(sent.wire.length).padStart(5, '0')},`;
      expect(fragment.startsWith(header)).toBe(true);
      expect(fragment.endsWith(',')).toBe(true);
    });
    const results = [];
    for (const fragment of sent.wire) results.push(await bob.receive(ALICE, fragment));
    expect(results.slice(0, -1).every((r) => r.ignored)).toBe(true);
    expect(results.at(-1)).toMatchObject({ plaintext: text, encrypted: true });
  });

  it('fragments even a long whitespace-tagged plaintext, with v2-style headers, and reassembles it', async () => {
    const { alice, bob } = await pair({ policy: POLICY.OPPORTUNISTIC, maxMessageSize: 200 });
    const text = 'plain '.repeat(80);
    const sent = await alice.send(BOB, text);
    expect(sent.wire).toHaveLength(3);
    sent.wire.forEach((fragment, i) => expect(fragment.startsWith(`?OTR,0000${i + 1},00003,`)).toBe(true));
    const results = [];
    for (const fragment of sent.wire) results.push(await bob.receive(ALICE, fragment));
    expect(results.at(-1)).toMatchObject({ plaintext: text, encrypted: false });
  });

  it('makes the other side FINISHED with `end`, after which it refuses to send', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    await secure(alice, bob);
    const end = await alice.end(BOB);
    expect(end.wire).toHaveLength(1);
    expect((await alice.status(BOB)).msgstate).toBe('plaintext');

    const got = await bob.receive(ALICE, end.wire[0] as string);
    expect(got).toMatchObject({ ignored: true, tlvs: [1] });
    expect((await bob.status(ALICE)).msgstate).toBe('finished');

    const refused = await bob.send(ALICE, 'anyone there?');
    expect(refused.wire).toEqual([]);
    expect(ofType(refused.events, 'msgEvent').map((e) => e.event)).toEqual(['CONNECTION_ENDED']);
    expect(ofType(refused.events, 'emptyInject')).toHaveLength(1);
  });

  it('runs SMP with a question to success: the asker trusts ("smp"), the answerer does not', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    await secure(alice, bob);

    const smp1 = await alice.smpStart(BOB, 'the blue house', 'Where did we meet?');
    const asked = await bob.receive(ALICE, smp1.wire[0] as string);
    expect(asked.tlvs).toEqual([7]);
    expect(ofType(asked.events, 'smp')).toEqual([
      { type: 'smp', event: 'ASK_FOR_ANSWER', progress: 25, question: 'Where did we meet?' },
    ]);

    const smp2 = await bob.smpRespond(ALICE, 'the blue house');
    await shuttle(bob, alice, smp2.wire);
    const smpEvents = (peer: LibotrPeer) => ofType(peer.events, 'smp').map((e) => `${e.event} ${e.progress}`);
    expect(smpEvents(alice)).toEqual(['IN_PROGRESS 60', 'SUCCESS 100']);
    expect(smpEvents(bob)).toEqual(['ASK_FOR_ANSWER 25', 'SUCCESS 100']);
    expect(ofType(alice.events, 'trust')).toEqual([
      { type: 'trust', peer: BOB, fingerprint: bob.fingerprint, trust: 'smp' },
    ]);

    expect((await alice.status(BOB)).trust).toBe('smp');
    // libotr: whoever answers a question learns nothing about the asker.
    expect((await bob.status(ALICE)).trust).toBeNull();
    expect(readFileSync(join(alice.dir, 'otr.fingerprints'), 'utf8')).toContain(`${bob.fingerprint}\tsmp`);
  });

  it('runs SMP with a wrong secret to failure on both sides, trusting no one', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    await secure(alice, bob);
    const smp1 = await alice.smpStart(BOB, 'one secret');
    const asked = await bob.receive(ALICE, smp1.wire[0] as string);
    expect(ofType(asked.events, 'smp')).toEqual([{ type: 'smp', event: 'ASK_FOR_SECRET', progress: 25 }]);
    await shuttle(bob, alice, (await bob.smpRespond(ALICE, 'another secret')).wire);

    expect(ofType(alice.events, 'smp').at(-1)).toMatchObject({ event: 'FAILURE', progress: 100 });
    expect(ofType(bob.events, 'smp').at(-1)).toMatchObject({ event: 'FAILURE', progress: 100 });
    expect((await alice.status(BOB)).trust).toBeNull();
    expect((await bob.status(ALICE)).trust).toBeNull();
  });

  it('refuses SMP and symkey without an encrypted session, with the reason', async () => {
    const { alice } = await pair({ policy: POLICY.MANUAL });
    await expect(alice.smpStart(BOB, 'x')).rejects.toThrow(/no encrypted session/);
    await expect(alice.symkey(BOB, 1, '')).rejects.toThrow(/no encrypted session/);
  });

  it('derives the same extra symmetric key on both sides', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    await secure(alice, bob);
    const sent = await alice.symkey(BOB, 0x00010002, 'file-transfer 42');
    expect(sent.key).toMatch(/^[0-9a-f]{64}$/);
    expect(sent.wire).toHaveLength(1);
    const got = await bob.receive(ALICE, sent.wire[0] as string);
    expect(got.ignored).toBe(true);
    expect(got.tlvs).toContain(8);
    const received = ofType(got.events, 'receivedSymkey');
    expect(received).toHaveLength(1);
    expect(received[0]?.use).toBe(0x00010002);
    expect(received[0]?.usedata.toString('utf8')).toBe('file-transfer 42');
    expect(received[0]?.key).toBe(sent.key);
  });

  it('talks to two logins of one buddy as two instances', async () => {
    const alice = await start({ account: ALICE, policy: POLICY.MANUAL });
    const [bob1, bob2] = await Promise.all([
      start({ account: BOB, policy: POLICY.MANUAL }),
      start({ account: BOB, policy: POLICY.MANUAL }),
    ]);
    await shuttle(bob1, alice, (await bob1.query(ALICE)).wire);
    await shuttle(bob2, alice, (await bob2.query(ALICE)).wire);
    const status = await alice.status(BOB);
    expect(status.instances.map((i) => i.instanceTag).sort()).toEqual([bob1.instanceTag, bob2.instanceTag].sort());
    expect(status.instances.every((i) => i.msgstate === 'encrypted')).toBe(true);

    // A message for bob1's instance: bob2 (the same account) sets it aside.
    const sent = await alice.send(BOB, 'for the first login', bob1.instanceTag);
    expect((await bob1.receive(ALICE, sent.wire[0] as string)).plaintext).toBe('for the first login');
    const other = await bob2.receive(ALICE, sent.wire[0] as string);
    expect(other.ignored).toBe(true);
    expect(ofType(other.events, 'msgEvent').map((e) => e.event)).toEqual(['RCVDMSG_FOR_OTHER_INSTANCE']);
  });
});
