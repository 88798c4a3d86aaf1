/**
 * OTRv4's engines driven end to end for benchmarks (scripts/bench) and tests: two
 * DAKE parties in a given environment, the double ratchets of a completed DAKE, a
 * message through the ratchet and its wire form (`?OTR:` base64), and a whole SMP
 * with each TLV carried in a data message. Until the session speaks OTRv4 this is
 * how its figures are taken; the environment is the caller's (the app's in the bench).
 */
import type { OtrEnv } from '../crypto/env';
import type { SmpContext, SmpEvent } from '../smp/smp-state';
import { receiveDakeMessage, startDake, type DakeParty } from '../v4/dake/dake';
import type { DakeCompletion } from '../v4/dake/completion';
import { fingerprintV4 } from '../v4/fingerprint';
import { initRatchet, type Ratchet } from '../v4/ratchet/ratchet';
import { receiveSmpV4, respondSmpV4, SMP_IDLE_V4, startSmpV4, type SmpStepV4 } from '../v4/smp/state';
import { decodeDataMessage } from '../v4/wire/data-message';
import { decodePlaintext, encodePlaintext, type Tlv } from '../v4/wire/tlv';
import { decodeBase64, encodeBase64 } from '../wire/base64';
import { dakeParty } from './v4-dake';
import { v4Identity } from './v4-profiles';

export const BENCH_BOB_TAG = 0x1000_0b0b;
export const BENCH_ALICE_TAG = 0x1000_0a11;
const SEEDS = { bob: 'engines-bob', alice: 'engines-alice' } as const;

/**
 * Bob (who sends the Identity message) and Alice, with seeded long-term keys and
 * profiles; `env()` gives each its randomness and arithmetic. Each keeps the manual
 * clock its profile was made on, so that the profile stays valid.
 */
export function v4Parties(env: () => OtrEnv): { bob: DakeParty; alice: DakeParty } {
  const names = { ours: 'bob@example.org', theirs: 'alice@example.org' };
  const party = (seed: string, tag: number, n: typeof names): DakeParty => {
    const p = dakeParty(seed, tag, n);
    return { ...p, env: { ...env(), clock: p.env.clock } };
  };
  return {
    bob: party(SEEDS.bob, BENCH_BOB_TAG, names),
    alice: party(SEEDS.alice, BENCH_ALICE_TAG, { ours: names.theirs, theirs: names.ours }),
  };
}

/** One whole DAKE, Bob first; throws unless both complete. */
export function dakeBothSides(bob: DakeParty, alice: DakeParty): { bob: DakeCompletion; alice: DakeCompletion } {
  const start = startDake(bob);
  const r = receiveDakeMessage({ state: 'idle' }, start.send as Uint8Array, alice);
  const i = receiveDakeMessage(start.state, r.send ?? new Uint8Array(0), bob);
  const done = receiveDakeMessage(r.state, i.send ?? new Uint8Array(0), alice);
  if (!i.complete || !done.complete)
    throw new Error(`the DAKE did not complete: ${r.ignored ?? i.ignored ?? done.ignored}`);
  return { bob: i.complete, alice: done.complete };
}

/** The two double ratchets of a completed DAKE. */
export function establishedV4(env: () => OtrEnv): { alice: Ratchet; bob: Ratchet } {
  const { bob, alice } = v4Parties(env);
  const done = dakeBothSides(bob, alice);
  return {
    bob: initRatchet(done.bob, bob.env, BENCH_BOB_TAG),
    alice: initRatchet(done.alice, alice.env, BENCH_ALICE_TAG),
  };
}

/** A plaintext from `from` to `to` as it travels: sealed, `?OTR:` base64 and back, decoded, opened. */
export function passV4(from: Ratchet, to: Ratchet, plaintext: Uint8Array): Uint8Array {
  const wire = `?OTR:${encodeBase64(from.seal(plaintext).bytes)}.`;
  const bytes = decodeBase64(wire.slice(5, -1));
  if (!bytes) throw new Error('not base64');
  const opened = to.open(decodeDataMessage(bytes));
  if (!opened.ok) throw new Error(`a message was refused: ${opened.reason}`);
  return opened.plaintext;
}

export interface SmpOverRatchet {
  ratchet: Ratchet;
  ctx: SmpContext;
  state: SmpStepV4['state'];
  events: SmpEvent[];
}

/** The SMP sides of two established ratchets: each other's v4 fingerprints, one SSID. */
export function smpOverRatchets(
  ratchets: { alice: Ratchet; bob: Ratchet },
  env: () => OtrEnv,
): { alice: SmpOverRatchet; bob: SmpOverRatchet } {
  const fp = (seed: string) => {
    const { identity, forging } = v4Identity(seed);
    return fingerprintV4(identity.publicBytes, forging.publicBytes);
  };
  const [a, b] = [fp(SEEDS.alice), fp(SEEDS.bob)];
  const ssid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  const side = (ratchet: Ratchet, ours: Uint8Array, theirs: Uint8Array): SmpOverRatchet => ({
    ratchet,
    ctx: { env: env(), ourFingerprint: ours, theirFingerprint: theirs, ssid },
    state: SMP_IDLE_V4,
    events: [],
  });
  return { alice: side(ratchets.alice, a, b), bob: side(ratchets.bob, b, a) };
}

/** Applies a step to a side; what it sends goes to `to` in one data message, whose TLVs are returned. */
function apply(side: SmpOverRatchet, step: SmpStepV4, to: SmpOverRatchet): Tlv[] {
  side.state = step.state;
  side.events.push(...step.events);
  if (step.send.length === 0) return [];
  return decodePlaintext(passV4(side.ratchet, to.ratchet, encodePlaintext('', step.send))).tlvs;
}

/**
 * A whole SMP with `secret` on both sides, `asker` first, the other answering as soon
 * as it is asked; each message a data message (so each answer a new ratchet). Returns
 * whether each side saw it succeed.
 */
export function smpBothSides(asker: SmpOverRatchet, other: SmpOverRatchet, secret: string): boolean {
  asker.events = [];
  other.events = [];
  let inFlight = apply(asker, startSmpV4(asker.state, asker.ctx, secret), other);
  let [from, to] = [asker, other];
  while (inFlight.length > 0) {
    let next: Tlv[] = [];
    for (const tlv of inFlight) next = next.concat(apply(to, receiveSmpV4(to.state, to.ctx, tlv), from));
    if (to.state.name === 'asked') next = next.concat(apply(to, respondSmpV4(to.state, to.ctx, secret), from));
    inFlight = next;
    [from, to] = [to, from];
  }
  const succeeded = (s: SmpOverRatchet) => s.events.some((e) => e.kind === 'succeeded');
  return succeeded(asker) && succeeded(other);
}
