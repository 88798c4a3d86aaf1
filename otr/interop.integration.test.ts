/**
 * Sotto's OTR engine against the real libotr 4.1.1 (Debian's libotr5, through
 * testkit/libotr-harness): whole conversations in both directions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from './crypto/dsa';
import { ALICE_KEY } from './test-support/fixtures';
import { POLICY, startLibotrPeer, type LibotrPeer, type LibotrPeerOptions } from '../testkit/libotr/peer';
import { shuttle } from '../testkit/libotr/shuttle';
import { SottoParty } from '../testkit/libotr/sotto-party';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const ALICE_TAG = 0x5070_7070;

let peers: LibotrPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.map((p) => p.stop()));
  peers = [];
});

async function libotrBob(options: Partial<LibotrPeerOptions> = {}): Promise<LibotrPeer> {
  const peer = await startLibotrPeer({ account: BOB, policy: POLICY.OPPORTUNISTIC, ...options });
  peers.push(peer);
  return peer;
}

const sottoAlice = (options: ConstructorParameters<typeof SottoParty>[3] = {}) =>
  new SottoParty(ALICE, ALICE_KEY, ALICE_TAG, options);
const aliceFingerprintHex = Buffer.from(fingerprint(ALICE_KEY)).toString('hex');

async function expectPrivate(alice: SottoParty, bob: LibotrPeer, version: 2 | 3 = 3): Promise<void> {
  const theirs = await bob.status(ALICE);
  const ours = alice.conv.status();
  expect(ours.state).toBe('encrypted');
  expect(theirs.msgstate).toBe('encrypted');
  expect(theirs.protocolVersion).toBe(version);
  expect(theirs.fingerprint).toBe(aliceFingerprintHex);
  expect(alice.fingerprintHex()).toBe(bob.fingerprint);
  expect(Buffer.from(ours.ssid!).toString('hex')).toBe(theirs.ssid);
}

async function exchange(alice: SottoParty, bob: LibotrPeer, text: string, reply: string): Promise<void> {
  const toBob = await shuttle(alice, bob, alice.send(text));
  expect(toBob.filter((d) => d.plaintext !== undefined).map((d) => d.plaintext)).toEqual([text]);
  const sent = await bob.send(ALICE, reply);
  await shuttle(bob, alice, sent.wire);
  expect(alice.received.at(-1)).toMatchObject({ text: reply, encrypted: true });
}

describe('Sotto and libotr 4.1.1 (OTR v3)', () => {
  it('goes private when Sotto sends the query', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice();
    await shuttle(alice, bob, alice.start());
    await expectPrivate(alice, bob);
    await exchange(alice, bob, 'hello from sotto', 'hello from libotr ✓');
  });

  it('goes private when libotr sends the query', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice({ policy: 'manual' });
    await shuttle(bob, alice, (await bob.query(ALICE)).wire);
    await expectPrivate(alice, bob);
    await exchange(alice, bob, 'ping', 'pong');
  });

  it('goes private from Sotto’s whitespace tag (libotr starts the AKE)', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice();
    const deliveries = await shuttle(alice, bob, alice.send('tagged hello'));
    expect(deliveries[0]?.plaintext).toBe('tagged hello');
    await expectPrivate(alice, bob);
  });

  it('goes private from libotr’s whitespace tag (Sotto starts the AKE)', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice();
    await shuttle(bob, alice, (await bob.send(ALICE, 'hi from libotr')).wire);
    expect(alice.received[0]).toEqual({ text: 'hi from libotr', encrypted: false });
    await expectPrivate(alice, bob);
  });

  it('restarts by error: Sotto lost its session, libotr’s next message triggers a new AKE', async () => {
    const bob = await libotrBob();
    let alice = sottoAlice();
    await shuttle(alice, bob, alice.start());
    await expectPrivate(alice, bob);
    alice = sottoAlice(); // Sotto restarted: no keys any more.
    const lost = await bob.send(ALICE, 'are you there?');
    await shuttle(bob, alice, lost.wire);
    expect(alice.events).toContainEqual(expect.objectContaining({ type: 'unreadable' }));
    await expectPrivate(alice, bob);
    await exchange(alice, bob, 'back', 'welcome back');
  });

  it('recovers when libotr lost its session: its next tagged message starts a new AKE', async () => {
    // The same profile folder, so the restarted libotr keeps its key and instance tag.
    const dir = mkdtempSync(join(tmpdir(), 'sotto-libotr-restart-'));
    let bob = await libotrBob({ dir });
    const alice = sottoAlice();
    await shuttle(alice, bob, alice.start());
    await bob.stop();
    peers = [];
    bob = await libotrBob({ dir });
    // libotr 4.1.1 drops a data message for a session it no longer has without a word
    // (no OTR error goes back), so Sotto cannot know yet…
    const lost = await shuttle(alice, bob, alice.send('lost in transit'));
    expect(lost).toEqual([expect.objectContaining({ from: ALICE, to: BOB })]);
    expect(lost[0]?.plaintext).toBeUndefined();
    // …until libotr's user writes: plaintext with a whitespace tag, while Sotto thinks it is private.
    await shuttle(bob, alice, (await bob.send(ALICE, 'hello again')).wire);
    expect(alice.received.at(-1)).toEqual({ text: 'hello again', encrypted: false });
    expect(alice.events).toContainEqual({ type: 'received-unencrypted' });
    await expectPrivate(alice, bob);
    await exchange(alice, bob, 'resent by the user', 'got it');
  });

  it('carries 1,000 messages both ways through key rotation', async () => {
    const bob = await libotrBob({ policy: POLICY.MANUAL });
    const alice = sottoAlice({ policy: 'manual' });
    await shuttle(alice, bob, alice.start());
    let shownByBob = 0;
    for (let i = 0; i < 500; i++) {
      // Bursts of three from Sotto, then one from libotr: rotation with runs and turns.
      const burst = i % 4 === 3 ? [] : [`s${i}`];
      for (const t of burst) {
        const d = await shuttle(alice, bob, alice.send(t));
        shownByBob += d.filter((x) => x.plaintext === t).length;
      }
      await shuttle(bob, alice, (await bob.send(ALICE, `l${i}`)).wire);
    }
    expect(shownByBob).toBe(375);
    expect(alice.received.filter((r) => r.encrypted).map((r) => r.text)).toEqual(
      Array.from({ length: 500 }, (_, i) => `l${i}`),
    );
    expect(alice.events.filter((e) => e.type === 'unreadable' || e.type === 'malformed')).toEqual([]);
  });

  it('fragments 10 kB messages at 400 bytes both ways', async () => {
    const bob = await libotrBob({ policy: POLICY.MANUAL, maxMessageSize: 400 });
    const alice = sottoAlice({ policy: 'manual', maxMessageBytes: 400 });
    const ake = await shuttle(alice, bob, alice.start());
    for (const d of ake) expect(d.wire.length).toBeLessThanOrEqual(400);
    await expectPrivate(alice, bob);
    const big = 'ü'.repeat(5000) + ' end';
    const toBob = await shuttle(alice, bob, alice.send(big));
    expect(toBob.length).toBeGreaterThan(30);
    expect(toBob.every((d) => d.wire.length <= 400)).toBe(true);
    expect(toBob.at(-1)?.plaintext ?? toBob.find((d) => d.plaintext)?.plaintext).toBe(big);
    const fromBob = await bob.send(ALICE, big);
    expect(fromBob.wire.length).toBeGreaterThan(30);
    await shuttle(bob, alice, fromBob.wire);
    expect(alice.received.at(-1)).toMatchObject({ text: big, encrypted: true });
  });

  it('ends from Sotto: libotr goes FINISHED, then the session restarts', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice();
    await shuttle(alice, bob, alice.start());
    await shuttle(alice, bob, alice.end());
    expect(alice.conv.status().state).toBe('plaintext');
    expect((await bob.status(ALICE)).msgstate).toBe('finished');
    await bob.end(ALICE);
    await shuttle(bob, alice, (await bob.query(ALICE)).wire);
    await expectPrivate(alice, bob);
  });

  it('ends from libotr: Sotto goes finished and refuses to send, then restarts', async () => {
    const bob = await libotrBob();
    const alice = sottoAlice();
    await shuttle(alice, bob, alice.start());
    await shuttle(bob, alice, (await bob.end(ALICE)).wire);
    expect(alice.conv.status().state).toBe('finished');
    expect(alice.events).toContainEqual(expect.objectContaining({ type: 'peer-ended' }));
    expect(alice.send('not in the clear')).toEqual([]);
    alice.end();
    await shuttle(alice, bob, alice.start());
    await expectPrivate(alice, bob);
  });

  it('speaks OTR v2 with a libotr that allows only version 2', async () => {
    const bob = await libotrBob({ policy: POLICY.ALLOW_V2 });
    const alice = sottoAlice({ policy: 'manual' });
    await shuttle(alice, bob, alice.start());
    await expectPrivate(alice, bob, 2);
    await exchange(alice, bob, 'v2 ping', 'v2 pong');
  });

  it('keeps several libotr instances of one buddy apart and lets the user pick one', async () => {
    const alice = sottoAlice({ policy: 'manual' });
    const [bob1, bob2] = await Promise.all([
      libotrBob({ policy: POLICY.MANUAL }),
      libotrBob({ policy: POLICY.MANUAL }),
    ]);
    await shuttle(bob1, alice, (await bob1.query(ALICE)).wire);
    await shuttle(bob2, alice, (await bob2.query(ALICE)).wire);
    const status = alice.conv.status();
    expect(
      status.instances
        .filter((i) => i.state === 'encrypted')
        .map((i) => i.instanceTag)
        .sort(),
    ).toEqual([bob1.instanceTag, bob2.instanceTag].sort());
    // The newest private instance is the default; the user picks the other.
    expect(status.instanceTag).toBe(bob2.instanceTag);
    alice.conv.selectInstance(bob1.instanceTag);
    const wire = alice.send('for the first login');
    expect((await bob1.receive(ALICE, wire[0]!)).plaintext).toBe('for the first login');
    const other = await bob2.receive(ALICE, wire[0]!);
    expect(other.ignored).toBe(true);
  });
});
