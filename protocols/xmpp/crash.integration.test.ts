/**
 * A private conversation of 300 numbered messages while Prosody is killed
 * (SIGKILL) and started again at many points: right after a write, the moment
 * alice is back online (twice in a row), during SASL, after bind but before the
 * server got <enable/>, after <enable/> but before <enabled/> reached alice,
 * during a XEP-0198 resumption attempt, and at the very end.
 *
 * A restarted server knows no stream-management session, so nothing is ever
 * resumed: what the server never acknowledged must be sent again in a new
 * session (XEP-0198 §5, "the client SHOULD resend"), or reported as failed.
 * Checked: every message reaches bob exactly once unless alice's adapter
 * reported it failed, none is silent, none that the server acknowledged to
 * alice is written again (read on the wire by the proxies), bob sees them in
 * order, and a message written again carries its first time (XEP-0203). Each
 * point starts from a quiet connection, so no message meets more than two
 * crashes and none has to be given up.
 *
 * Exactly once on the wire is impossible where the server routed a message but
 * died before acknowledging it (after <enable/> with <enabled/> lost, most of
 * the stretch): alice must send it again, and bob's adapter drops the repeat
 * by its stanza id. The proxies count those repeats; the figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrashScene, type CrashScene } from './test-support/crash-scene';
import { sleep } from './test-support/harness';

const TOTAL = 300;
const PACE_MS = 8;

interface CrashPoint {
  /** Struck right after message `at` is written, while the stream goes on. */
  at: number;
  name: string;
  run(scene: CrashScene): Promise<void>;
}

async function until(test: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await sleep(50);
  }
}

const POINTS: CrashPoint[] = [
  { at: 20, name: 'right after a write', run: (s) => s.restart() },
  { at: 60, name: 'twice: again as alice is back online', run: (s) => s.restart({ on: 'online' }) },
  { at: 100, name: 'during SASL', run: (s) => s.restart({ on: { pattern: '<auth', hold: 'client' } }) },
  {
    at: 140,
    name: 'after bind, <enable/> lost',
    run: (s) => s.restart({ on: { pattern: '<enable', hold: 'client' } }),
  },
  {
    at: 180,
    name: 'after <enable/>, <enabled/> lost',
    run: (s) => s.restart({ on: { pattern: '<enable', hold: 'server' }, afterMs: 150 }),
  },
  {
    at: 220,
    name: 'during resumption',
    run: async (s) => {
      await until(
        () => s.aliceWire.wire.resumable,
        () => 'stream management never enabled',
        10_000,
      );
      await s.restart({ on: { pattern: '<resume', hold: 'client' } });
    },
  },
  { at: 290, name: 'near the end', run: (s) => s.restart() },
];

const body = (n: number) => `m-${String(n).padStart(3, '0')}`;

describe('XMPP: no message silent or repeated when Prosody crashes', () => {
  let scene: CrashScene;
  beforeAll(async () => {
    scene = await startCrashScene();
  });
  afterAll(async () => {
    await scene?.dispose();
  }, 30_000);

  it('delivers once or reports every message of a stream crossed by crashes', async () => {
    const { alice, bob, aliceWire, bobWire } = scene;
    const to = scene.jid('bob');
    /** Which crash point's stretch each message belongs to (-1: before the first). */
    const stretch = new Map<string, number>();
    const rejected = new Set<string>();
    /** Written while alice was not online: held, then sent once back. */
    const queued = new Set<string>();
    const received = () => new Set(bob.events.message.filter((m) => m.peer === scene.jid('alice')).map((m) => m.body));
    const failed = () => new Set([...alice.events['send.failed'].map((f) => f.body), ...rejected]);
    const missing = () => {
      const [got, lost] = [received(), failed()];
      return [...stretch.keys()].filter((b) => !got.has(b) && !lost.has(b));
    };
    const settled = (timeoutMs: number) =>
      until(
        () => missing().length === 0,
        () => `silent: ${missing().join(' ')}`,
        timeoutMs,
      );
    /** Every message so far arrived or was reported, and the server confirmed each one alice still stands by. */
    const quiet = async () => {
      await settled(20_000);
      const lost = failed();
      const unconfirmed = () => [...stretch.keys()].filter((b) => !lost.has(b) && !aliceWire.wire.isAcked(b));
      await until(
        () => unconfirmed().length === 0,
        () => `never acknowledged: ${unconfirmed().join(' ')}`,
        20_000,
      );
    };

    // The stream goes on while a crash point plays out; it waits at the next
    // point until the previous one is over and every message so far arrived and
    // was acknowledged, or was reported, so that each point starts afresh.
    let running: Promise<void> = Promise.resolve();
    let current = -1;
    for (let n = 1; n <= TOTAL; n++) {
      const point = POINTS.findIndex((p) => p.at === n);
      if (point !== -1) {
        await running;
        await quiet();
        current = point;
      }
      stretch.set(body(n), current);
      await alice.adapter.sendMessage(to, body(n)).then(
        (r) => r.status === 'queued' && queued.add(body(n)),
        () => rejected.add(body(n)),
      );
      if (point !== -1) running = (POINTS[point] as CrashPoint).run(scene);
      await sleep(PACE_MS);
    }
    await running;
    await settled(30_000);
    await sleep(1000); // late repeats would show now

    const all = [...stretch.keys()];
    const bodies = bob.events.message.map((m) => m.body);
    const wrote = aliceWire.wire.writeCounts();
    const deliveries = new Map<string, number>();
    for (const b of bobWire.wire.delivered) deliveries.set(b, (deliveries.get(b) ?? 0) + 1);
    const rows = [-1, ...POINTS.keys()].map((i) => {
      const mine = all.filter((b) => stretch.get(b) === i);
      return {
        point: i === -1 ? '(before the first crash)' : (POINTS[i] as CrashPoint).name,
        sent: mine.length,
        'held while down': mine.filter((b) => queued.has(b)).length,
        received: mine.filter((b) => received().has(b)).length,
        failed: mine.filter((b) => failed().has(b)).length,
        'failed but received': mine.filter((b) => failed().has(b) && received().has(b)).length,
        'written again': mine.filter((b) => (wrote.get(b) ?? 0) > 1).length,
        'repeated to bob': mine.filter((b) => (deliveries.get(b) ?? 0) > 1).length,
        'shown twice': mine.filter((b) => bodies.filter((x) => x === b).length > 1).length,
      };
    });
    console.table(rows);

    expect(missing()).toEqual([]);
    // At most two crashes strike each message (each point starts afresh), so
    // none needs more than MAX_ATTEMPTS writes: nothing had to be given up.
    expect([...failed()]).toEqual([]);
    expect(bodies.length).toBe(new Set(bodies).size);
    expect(bodies).toEqual([...bodies].sort());
    expect(aliceWire.wire.writtenAfterAck).toEqual([]);
    // A message written again says when it was first sent (XEP-0203).
    const seen = new Set<string>();
    const undated = aliceWire.wire.written
      .filter((w) => seen.has(w.body) || !seen.add(w.body))
      .filter((w) => !w.delayed);
    expect(undated).toEqual([]);
  }, 120_000);
});
