/**
 * Reconnections that go wrong at the worst moment, on a real Prosody behind a
 * proxy that cuts the network: a XEP-0198 §5 resumption whose resend cannot be
 * written (the connection dies the instant the server says <resumed/>), and an
 * attempt made at once after one that failed (the user's connect(), before the
 * failed attempt's socket has closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../adapter';
import { startCrashScene, type CrashScene } from './test-support/crash-scene';
import { sleep } from './test-support/harness';

describe('XMPP reconnection races', () => {
  let scene: CrashScene;
  beforeAll(async () => {
    scene = await startCrashScene();
  });
  afterAll(async () => {
    await scene?.dispose();
  }, 30_000);

  it('sends again in a new session what a dying resumption could not resend', async () => {
    const { alice, bob, aliceWire } = scene;
    const body = 'lost twice';
    while (!aliceWire.wire.resumable) await sleep(50);

    // The network fails as alice writes: the server never gets the message.
    const held = aliceWire.trap({ pattern: '<message', hold: 'client' });
    await alice.adapter.sendMessage(scene.jid('bob'), body);
    await held;
    const cutAgain = aliceWire.cutAfterServer('<resumed');
    aliceWire.cut();
    await cutAgain;
    // Once the resumption failed, come back at once rather than after the backoff wait.
    await alice.next('state', (s: ConnectionState) => s.state === 'reconnecting', 10_000, alice.count('state'));
    void alice.adapter.connect();

    await bob.next('message', (m) => m.body === body, 10_000);
    await sleep(500);
    expect(bob.events.message.filter((m) => m.body === body)).toHaveLength(1);
    expect(alice.events['send.failed']).toEqual([]);
  }, 30_000);

  it('comes back on an attempt made the instant the previous one failed', async () => {
    const { alice, aliceWire } = scene;
    if (alice.adapter.state.state !== 'online')
      await alice.next('state', (s) => s.state === 'online', 10_000, alice.count('state'));
    const since = alice.count('state');
    // The first attempt after the cut is reset by the network; the user asks
    // for another one in the same breath.
    aliceWire.resetNext();
    let failures = 0;
    const off = alice.adapter.on('state', (s) => {
      if (s.state === 'reconnecting' && ++failures === 2) void alice.adapter.connect();
    });
    aliceWire.cut();
    await alice.next('state', (s) => s.state === 'reconnecting', 10_000, since);
    void alice.adapter.connect();
    await alice.next('state', (s) => s.state === 'online', 10_000, since);
    off();
    const states = alice.events.state.slice(since).map((s) => s.state);
    expect(states).toEqual(['reconnecting', 'reconnecting', 'online']);
  }, 30_000);
});
