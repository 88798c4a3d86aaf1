/**
 * Two ratchets over a simulated network that delays, reorders (within and across
 * ratchets), drops, duplicates and damages messages. Every message delivered opens
 * exactly once with its own plaintext; copies and damaged messages are refused and
 * change nothing. With the skips kept below max_skip, every message that arrives can
 * be decrypted: a ratchet of theirs only follows one of ours, which follows one of
 * theirs we received, so the keys of its predecessor were stored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError } from '../../wire/codec';
import { testEnv } from '../../test-support/fixtures';
import { ALICE_V4_TAG, BOB_V4_TAG, dakeCompletions, text, untext } from '../../test-support/v4-ratchet-pair';
import { bigintModPowEngine } from '../../crypto/env';
import { decodeDataMessage } from '../wire/data-message';
import { initRatchet, type Ratchet } from './ratchet';

type Side = 'alice' | 'bob';

type Command =
  | { kind: 'send'; from: Side; count: number }
  | { kind: 'deliver' | 'drop' | 'duplicate' | 'replay'; pick: number }
  | { kind: 'reply'; from: Side; pick: number }
  | { kind: 'damage'; pick: number; at: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('send'),
      from: fc.constantFrom<Side>('alice', 'bob'),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver'), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('reply'), from: fc.constantFrom<Side>('alice', 'bob'), pick: fc.nat() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'replay'), pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('damage'), pick: fc.nat(), at: fc.nat() }) },
) as fc.Arbitrary<Command>;

interface InFlight {
  to: Side;
  label: string;
  bytes: Uint8Array;
}

const completions = dakeCompletions('lossy', bigintModPowEngine);

function run(commands: readonly Command[], seed: number): void {
  const ratchets: Record<Side, Ratchet> = {
    alice: initRatchet(completions.alice, testEnv(`lossy-alice-${seed}`), ALICE_V4_TAG),
    bob: initRatchet(completions.bob, testEnv(`lossy-bob-${seed}`), BOB_V4_TAG),
  };
  const inFlight: InFlight[] = [];
  const delivered: InFlight[] = [];
  const opened = new Set<string>();
  let sent = 0;

  const receive = (m: InFlight, bytes = m.bytes) => {
    try {
      return ratchets[m.to].open(decodeDataMessage(bytes));
    } catch (e) {
      if (e instanceof WireError) return { ok: false as const, reason: e.message };
      throw e;
    }
  };
  const deliver = (m: InFlight) => {
    const result = receive(m);
    if (opened.has(m.label)) {
      expect(result, `a copy of ${m.label}`).toMatchObject({ ok: false, replay: true });
    } else {
      expect(result.ok && untext(result.plaintext), m.label).toBe(m.label);
      opened.add(m.label);
    }
    delivered.push(m);
  };
  const send = (from: Side, count: number) => {
    for (let n = 0; n < count; n++) {
      const label = `${from} ${sent++}`;
      inFlight.push({ to: from === 'alice' ? 'bob' : 'alice', label, bytes: ratchets[from].seal(text(label)).bytes });
    }
  };
  const take = (pick: number) => inFlight.splice(pick % inFlight.length, 1)[0] as InFlight;

  for (const c of commands) {
    if (c.kind === 'send') {
      send(c.from, c.count);
    } else if (c.kind === 'reply') {
      // Everything in flight to one side arrives, in an order of its own, and it answers: a new ratchet.
      const mine = inFlight.filter((m) => m.to === c.from);
      for (let pick = c.pick; mine.length > 0; pick++) {
        const m = mine.splice(pick % mine.length, 1)[0] as InFlight;
        inFlight.splice(inFlight.indexOf(m), 1);
        deliver(m);
      }
      send(c.from, 1);
    } else if (c.kind === 'replay') {
      if (delivered.length > 0) deliver(delivered[c.pick % delivered.length] as InFlight);
    } else if (inFlight.length === 0) {
      continue;
    } else if (c.kind === 'deliver') {
      deliver(take(c.pick));
    } else if (c.kind === 'drop') {
      take(c.pick);
    } else if (c.kind === 'duplicate') {
      inFlight.push({ ...(inFlight[c.pick % inFlight.length] as InFlight) });
    } else if (c.kind === 'damage') {
      const m = inFlight[c.pick % inFlight.length] as InFlight;
      const before = ratchets[m.to].counters;
      const bytes = m.bytes.slice();
      const at = c.at % bytes.length;
      bytes[at] = (bytes[at] as number) ^ (1 << (c.at % 8));
      const result = receive(m, bytes);
      // Only the revealed MAC keys, at the end, are outside the MAC.
      if (at < bytes.length - decodeDataMessage(m.bytes).oldMacKeys.length) {
        expect(result.ok, `${m.label} damaged at ${at}`).toBe(false);
        expect(ratchets[m.to].counters).toEqual(before);
      } else if (result.ok) {
        opened.add(m.label);
        delivered.push(m);
      }
    }
  }
  while (inFlight.length > 0) deliver(take(0));
  expect(new Set(delivered.map((m) => m.label))).toEqual(opened);
}

describe('the ratchets over a lossy, reordering network', () => {
  it('open every message that arrives exactly once, and nothing else', () => {
    let seed = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: 20, maxLength: 60, size: 'max' }), (commands) =>
        run(commands, seed++),
      ),
      { seed: 0x0074_7234, numRuns: 20 },
    );
  });
});
