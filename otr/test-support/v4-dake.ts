/**
 * OTRv4 DAKE fixtures: a party of a seed's v4 keys and Client Profile, with a seeded
 * environment on a manual clock, and a run of the whole DAKE between two parties. The
 * same seed gives the same keys on every run, so a memoizing ModPow (memo-mod-pow.ts)
 * shared by a test file pays for each 3072-bit exponentiation once.
 */
import { bigintModPowEngine, type ModPow } from '../crypto/env';
import type { DakeCompletion } from '../v4/dake/completion';
import { receiveDakeMessage, startDake } from '../v4/dake/dake';
import type { DakeParty } from '../v4/dake/dake-state';
import type { PhiNames } from '../v4/dake/phi';
import { ManualClock, seededRandom } from './fixtures';
import { v4Identity, v4Profile } from './v4-profiles';

export interface DakePartyOptions {
  readonly math?: ModPow;
  /** The peer's tag, when known before the DAKE. */
  readonly theirTag?: number;
  /** The randomness of this run; `seed` by default. */
  readonly envSeed?: string;
}

/** `seed`'s long-term keys and a profile of them for instance `tag`. */
export function dakeParty(seed: string, tag: number, names: PhiNames, options: DakePartyOptions = {}): DakeParty {
  const { identity, forging } = v4Identity(seed);
  const clock = new ManualClock();
  return {
    env: { random: seededRandom(`dake-${options.envSeed ?? seed}`), clock, math: options.math ?? bigintModPowEngine },
    profile: v4Profile(seed, { instanceTag: tag }, clock),
    identity,
    forging: forging.public,
    ourTag: tag,
    ...(options.theirTag === undefined ? {} : { theirTag: options.theirTag }),
    names,
  };
}

export interface DakeRun {
  readonly identity: Uint8Array;
  readonly authR: Uint8Array;
  readonly authI: Uint8Array;
  /** The completion of the party that sent the Identity message (the spec's Bob), then of the other (Alice). */
  readonly identitySender: DakeCompletion;
  readonly authRSender: DakeCompletion;
}

/** Bob starts, Alice answers, each message delivered once; throws if any step is not what the spec says. */
export function runDake(bob: DakeParty, alice: DakeParty): DakeRun {
  const start = startDake(bob);
  const identity = start.send;
  if (!identity) throw new Error('startDake sent nothing');
  const r = receiveDakeMessage({ state: 'idle' }, identity, alice);
  if (!r.send) throw new Error(`Alice sent no Auth-R: ${r.ignored ?? ''}`);
  const i = receiveDakeMessage(start.state, r.send, bob);
  if (!i.send || !i.complete) throw new Error(`Bob did not complete: ${i.ignored ?? ''}`);
  const done = receiveDakeMessage(r.state, i.send, alice);
  if (!done.complete) throw new Error(`Alice did not complete: ${done.ignored ?? ''}`);
  return { identity, authR: r.send, authI: i.send, identitySender: i.complete, authRSender: done.complete };
}
