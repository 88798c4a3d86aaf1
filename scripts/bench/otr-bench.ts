/**
 * Sotto's otr/ measured the way the libotr harness measures libotr: both parties
 * in one process, messages passed in memory, only the computation timed.
 */
import { generateDsaKey } from '../../app/otr-host/dsa-keygen';
import { createNodeOtrEnv } from '../../app/otr-host/node-env';
import {
  createConversation,
  policyForLevel,
  type DsaPrivateKey,
  type OtrConversation,
  type Outcome,
  type Outgoing,
} from '../../otr';
import { median, percentile, timeRounds, timeRoundsAsync } from './stats';

export interface Figure {
  unit: 'ms' | 'messages/s';
  median: number;
  /** The slow end: p90 time in ms, or the rate of the p90 round in messages/s. */
  p90: number;
}

function pair(keys: [DsaPrivateKey, DsaPrivateKey], maxMessageBytes?: number) {
  const mk = (key: DsaPrivateKey, tag: number, name: string) =>
    createConversation({
      env: createNodeOtrEnv(),
      ourKey: key,
      ourTag: tag,
      policy: policyForLevel('manual'),
      accountName: name,
      ...(maxMessageBytes ? { maxMessageBytes } : {}),
    });
  return { alice: mk(keys[0], 0x1001, 'alice'), bob: mk(keys[1], 0x2002, 'bob') };
}

/** Delivers until quiet; returns how many plaintexts the receivers showed. */
function pump(from: OtrConversation, to: OtrConversation, first: Outgoing[]): number {
  let queue = first.map((m) => ({ to, from, text: m.text }));
  let shown = 0;
  while (queue.length) {
    const next: typeof queue = [];
    for (const q of queue) {
      const out = q.to.receive(q.text);
      if (out.received) shown++;
      for (const m of out.send) next.push({ to: q.from, from: q.to, text: m.text });
    }
    queue = next;
  }
  return shown;
}

function established(keys: [DsaPrivateKey, DsaPrivateKey], maxMessageBytes?: number) {
  const p = pair(keys, maxMessageBytes);
  pump(p.alice, p.bob, p.alice.start().send);
  if (p.alice.status().state !== 'encrypted' || p.bob.status().state !== 'encrypted')
    throw new Error('bench: the AKE did not complete');
  return p;
}

const msOf = (rounds: number[]): Figure => ({ unit: 'ms', median: median(rounds), p90: percentile(rounds, 90) });
const rateOf = (rounds: number[], perRound: number): Figure => ({
  unit: 'messages/s',
  median: perRound / (median(rounds) / 1000),
  p90: perRound / (percentile(rounds, 90) / 1000),
});

export async function benchKeygen(iterations = 20): Promise<Figure & { max: number }> {
  const rounds = await timeRoundsAsync(iterations, async () => void (await generateDsaKey()));
  return { ...msOf(rounds), max: Math.max(...rounds) };
}

export function benchAke(keys: [DsaPrivateKey, DsaPrivateKey], iterations = 100): Figure {
  return msOf(timeRounds(iterations, () => void established(keys)));
}

const TEXT_100 = 'x'.repeat(100);

export function benchDataAlternating(keys: [DsaPrivateKey, DsaPrivateKey], perRound = 50, rounds = 20): Figure {
  const { alice, bob } = established(keys);
  return rateOf(
    timeRounds(rounds, () => {
      for (let i = 0; i < perRound / 2; i++) {
        pump(alice, bob, alice.send(TEXT_100).send);
        pump(bob, alice, bob.send(TEXT_100).send);
      }
    }),
    perRound,
  );
}

export function benchDataOneWay(keys: [DsaPrivateKey, DsaPrivateKey], perRound = 2000, rounds = 20): Figure {
  const { alice, bob } = established(keys);
  // Bob never answers, so no heartbeat is due: the same keys for every message, as in libotr's run.
  return rateOf(
    timeRounds(rounds, () => {
      for (let i = 0; i < perRound; i++) {
        const out = bob.receive(alice.send(TEXT_100).send[0]!.text);
        if (!out.received) throw new Error('bench: a message was not shown');
      }
    }),
    perRound,
  );
}

export function benchFragmented(keys: [DsaPrivateKey, DsaPrivateKey], perRound = 50, rounds = 20): Figure {
  const { alice, bob } = established(keys, 400);
  const text = 'y'.repeat(1000);
  return rateOf(
    timeRounds(rounds, () => {
      for (let i = 0; i < perRound; i++)
        if (pump(alice, bob, alice.send(text).send) !== 1) throw new Error('bench: fragments lost');
    }),
    perRound,
  );
}

const SMP_SECRET = 'the bench secret';

/** Delivers until quiet, answering the SMP as soon as one side is asked (as libotr's bench does). */
function pumpSmp(from: OtrConversation, to: OtrConversation, first: Outcome): { from: number; to: number } {
  let queue = first.send.map((m) => ({ to, from, text: m.text }));
  const succeeded = new Map<OtrConversation, number>([
    [from, 0],
    [to, 0],
  ]);
  const count = (c: OtrConversation, out: Outcome) =>
    succeeded.set(
      c,
      (succeeded.get(c) ?? 0) + out.events.filter((e) => e.type === 'smp' && e.kind === 'succeeded').length,
    );
  while (queue.length) {
    const next: typeof queue = [];
    for (const q of queue) {
      const out = q.to.receive(q.text);
      count(q.to, out);
      const replies = [...out.send];
      if (out.events.some((e) => e.type === 'smp' && e.kind === 'asked-for-secret'))
        replies.push(...q.to.smpRespond(SMP_SECRET).send);
      for (const m of replies) next.push({ to: q.from, from: q.to, text: m.text });
    }
    queue = next;
  }
  return { from: succeeded.get(from) ?? 0, to: succeeded.get(to) ?? 0 };
}

/** One complete SMP with the same secret, both sides' compute, in an established session. */
export function benchSmp(keys: [DsaPrivateKey, DsaPrivateKey], iterations = 30): Figure {
  const { alice, bob } = established(keys);
  return msOf(
    timeRounds(iterations, () => {
      const done = pumpSmp(alice, bob, alice.smpStart(SMP_SECRET));
      if (done.from !== 1 || done.to !== 1) throw new Error('bench: the SMP did not succeed on both sides');
    }),
  );
}
