/**
 * OTRv4's engines measured as otr-bench.ts measures OTRv3's: both parties in one
 * process, messages passed in memory, the app's environment (the system CSPRNG and
 * OpenSSL's ModPow, app/otr-host/node-env.ts), only the computation timed. Until the
 * session speaks OTRv4 the engines are driven directly (otr/test-support/v4-engines.ts):
 * the DAKE's state machine, the double ratchet with each message through its encoding
 * and base64, the SMP's state machine with its TLVs carried in data messages.
 */
import { createNodeOtrEnv } from '../../app/otr-host/node-env';
import {
  dakeBothSides,
  establishedV4,
  passV4,
  smpBothSides,
  smpOverRatchets,
  v4Parties,
} from '../../otr/test-support/v4-engines';
import type { Figure } from './otr-bench';
import { median, percentile, timeRounds } from './stats';

const msOf = (rounds: number[]): Figure => ({ unit: 'ms', median: median(rounds), p90: percentile(rounds, 90) });
const rateOf = (rounds: number[], perRound: number): Figure => ({
  unit: 'messages/s',
  median: perRound / (median(rounds) / 1000),
  p90: perRound / (percentile(rounds, 90) / 1000),
});

/** One DAKE, both sides: Identity, Auth-R, Auth-I, each checked on receipt, until both complete. */
export function benchV4Dake(iterations = 40): Figure {
  const { bob, alice } = v4Parties(createNodeOtrEnv);
  return msOf(timeRounds(iterations, () => void dakeBothSides(bob, alice)));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TEXT_100 = 'x'.repeat(100);

function passText(from: Parameters<typeof passV4>[0], to: Parameters<typeof passV4>[1]): void {
  if (decoder.decode(passV4(from, to, encoder.encode(TEXT_100))) !== TEXT_100) throw new Error('bench: wrong text');
}

/** Every message answers the last: each a new ratchet (a new ECDH key; a new 3072-bit DH key every third). */
export function benchV4DataAlternating(perRound = 60, rounds = 20): Figure {
  const { alice, bob } = establishedV4(createNodeOtrEnv);
  return rateOf(
    timeRounds(rounds, () => {
      for (let i = 0; i < perRound / 2; i++) {
        passText(alice, bob);
        passText(bob, alice);
      }
    }),
    perRound,
  );
}

/** Bob never answers: every message in the same ratchet, as in the OTRv3 row. */
export function benchV4DataOneWay(perRound = 2000, rounds = 20): Figure {
  const { alice, bob } = establishedV4(createNodeOtrEnv);
  return rateOf(
    timeRounds(rounds, () => {
      for (let i = 0; i < perRound; i++) passText(alice, bob);
    }),
    perRound,
  );
}

/** One complete SMP with the same secret, both sides, every TLV in a data message. */
export function benchV4Smp(iterations = 30): Figure {
  const { alice, bob } = smpOverRatchets(establishedV4(createNodeOtrEnv), createNodeOtrEnv);
  return msOf(
    timeRounds(iterations, () => {
      if (!smpBothSides(alice, bob, 'the bench secret'))
        throw new Error('bench: the SMP did not succeed on both sides');
    }),
  );
}

/** A row measured against its target (issue 13), not against libotr, which has no OTRv4. */
export interface TargetRow {
  name: string;
  unit: string;
  sotto: number;
  reference: number;
  ratio: number;
  note: string;
  target: number;
}

function targetRow(name: string, f: Figure, target: number): TargetRow {
  const ratio = f.unit === 'ms' ? target / f.median : f.median / target;
  const p90 = f.unit === 'ms' ? `p90 ${f.p90.toFixed(1)} ms` : `p90 round ${f.p90.toFixed(0)}/s`;
  return {
    name,
    unit: f.unit,
    sotto: f.median,
    reference: target,
    ratio,
    note: `reference: the target; ${p90}`,
    target,
  };
}

/** The OTRv4 rows of `npm run bench`, each run by its own name in --only. */
export const V4_BENCHES: { name: string; run: () => TargetRow[] }[] = [
  { name: 'v4-dake', run: () => [targetRow('OTRv4 DAKE, both sides', benchV4Dake(), 25)] },
  {
    name: 'v4-data-alternating',
    run: () => [targetRow('OTRv4 data, 100 B, alternating', benchV4DataAlternating(), 500)],
  },
  { name: 'v4-data-one-way', run: () => [targetRow('OTRv4 data, 100 B, one way', benchV4DataOneWay(), 20_000)] },
  { name: 'v4-smp', run: () => [targetRow('OTRv4 SMP, both sides', benchV4Smp(), 60)] },
];
