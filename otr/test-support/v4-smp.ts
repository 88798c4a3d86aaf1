/**
 * OTRv4 SMP fixtures: the two sides' contexts (v4 fingerprints of seeded
 * identities, one SSID), a driver that runs a whole SMP through the state
 * machine with a hook on every TLV in flight, and the wire layout of each SMP
 * message, field by field, for tests that tamper with one field at a time.
 */
import { ed448 } from '@noble/curves/ed448.js';
import { numberToBytesLE } from '@noble/curves/utils.js';
import type { SmpContext, SmpEvent } from '../smp/smp-state';
import { multiplyBase, POINT_BYTES, Q, SCALAR_BYTES } from '../v4/crypto/ed448';
import { fingerprintV4 } from '../v4/fingerprint';
import { receiveSmpV4, respondSmpV4, SMP_IDLE_V4, startSmpV4, type SmpStateV4, type SmpStepV4 } from '../v4/smp/state';
import type { Tlv } from '../v4/wire/tlv';
import { testEnv } from './fixtures';
import { v4Identity } from './v4-profiles';

export const SMP_SSID = Uint8Array.of(0x11, 0xee, 0xe5, 0xe1, 0xeb, 0x7e, 0x32, 0x0a);

function fingerprintOf(seed: string): Uint8Array {
  const { identity, forging } = v4Identity(seed);
  return fingerprintV4(identity.publicBytes, forging.publicBytes);
}

/** Alice's and Bob's SMP contexts for one session: each other's fingerprints, the same SSID. */
export function smpContextsV4(seed = 'smp-v4'): { alice: SmpContext; bob: SmpContext } {
  const a = fingerprintOf('alice');
  const b = fingerprintOf('bob');
  return {
    alice: { env: testEnv(`${seed}-alice`), ourFingerprint: a, theirFingerprint: b, ssid: SMP_SSID },
    bob: { env: testEnv(`${seed}-bob`), ourFingerprint: b, theirFingerprint: a, ssid: SMP_SSID },
  };
}

export interface SmpSideV4 {
  ctx: SmpContext;
  state: SmpStateV4;
  events: SmpEvent[];
  sent: Tlv[];
}

export const smpSideV4 = (ctx: SmpContext): SmpSideV4 => ({ ctx, state: SMP_IDLE_V4, events: [], sent: [] });

/** Applies a step to a side: its new state, its events, what it sent. */
export function applyV4(side: SmpSideV4, step: SmpStepV4): Tlv[] {
  side.state = step.state;
  side.events.push(...step.events);
  side.sent.push(...step.send);
  return step.send;
}

/** Delivers TLVs to a side, each through `inFlight` first; returns what the side sent back. */
export function deliverV4(to: SmpSideV4, tlvs: readonly Tlv[], inFlight: (t: Tlv) => Tlv = (t) => t): Tlv[] {
  return tlvs.flatMap((t) => applyV4(to, receiveSmpV4(to.state, to.ctx, inFlight(t))));
}

export interface SmpRunV4 {
  alice: SmpSideV4;
  bob: SmpSideV4;
}

export interface SmpRunOptions {
  question?: string;
  seed?: string;
  /** Sees (and may replace) every TLV on the way. */
  inFlight?: (t: Tlv) => Tlv;
  /** The session's second party begins: `alice` (who begins) holds the context of `bob`. */
  reversed?: boolean;
}

/**
 * A whole SMP: Alice begins with `aliceSecret` (and a question), Bob answers with
 * `bobSecret` as soon as he is asked, messages go back and forth until none is left.
 */
export function runSmpV4(aliceSecret: string, bobSecret: string, options: SmpRunOptions = {}): SmpRunV4 {
  const ctx = smpContextsV4(options.seed);
  const alice = smpSideV4(options.reversed ? ctx.bob : ctx.alice);
  const bob = smpSideV4(options.reversed ? ctx.alice : ctx.bob);
  let toBob = applyV4(alice, startSmpV4(alice.state, alice.ctx, aliceSecret, options.question));
  for (let rounds = 0; toBob.length > 0 && rounds < 4; rounds++) {
    let toAlice = deliverV4(bob, toBob, options.inFlight);
    if (bob.state.name === 'asked') toAlice = toAlice.concat(applyV4(bob, respondSmpV4(bob.state, bob.ctx, bobSecret)));
    toBob = deliverV4(alice, toAlice, options.inFlight);
  }
  return { alice, bob };
}

export type SmpFieldKind = 'point' | 'scalar';

/** The fields of SMP messages 1-4 in wire order ("SMP Message 1" to "SMP Message 4"). */
export const SMP_FIELDS_V4: Readonly<Record<1 | 2 | 3 | 4, readonly (readonly [string, SmpFieldKind])[]>> = {
  1: [
    ['G2a', 'point'],
    ['c2', 'scalar'],
    ['d2', 'scalar'],
    ['G3a', 'point'],
    ['c3', 'scalar'],
    ['d3', 'scalar'],
  ],
  2: [
    ['G2b', 'point'],
    ['c2', 'scalar'],
    ['d2', 'scalar'],
    ['G3b', 'point'],
    ['c3', 'scalar'],
    ['d3', 'scalar'],
    ['Pb', 'point'],
    ['Qb', 'point'],
    ['cp', 'scalar'],
    ['d5', 'scalar'],
    ['d6', 'scalar'],
  ],
  3: [
    ['Pa', 'point'],
    ['Qa', 'point'],
    ['cp', 'scalar'],
    ['d5', 'scalar'],
    ['d6', 'scalar'],
    ['Ra', 'point'],
    ['cr', 'scalar'],
    ['d7', 'scalar'],
  ],
  4: [
    ['Rb', 'point'],
    ['cr', 'scalar'],
    ['d7', 'scalar'],
  ],
};

/** Where field `index` of an SMP message value starts (message 1 begins with its question's DATA). */
export function smpFieldOffsetV4(step: 1 | 2 | 3 | 4, value: Uint8Array, index: number): number {
  let o = step === 1 ? 4 + new DataView(value.buffer, value.byteOffset).getUint32(0) : 0;
  for (const [, kind] of SMP_FIELDS_V4[step].slice(0, index)) o += kind === 'point' ? POINT_BYTES : SCALAR_BYTES;
  return o;
}

/** The TLV with field `index` replaced by `bytes` (57 of them). */
export function replaceSmpFieldV4(tlv: Tlv, step: 1 | 2 | 3 | 4, index: number, bytes: Uint8Array): Tlv {
  const value = tlv.value.slice();
  value.set(bytes, smpFieldOffsetV4(step, value, index));
  return { type: tlv.type, value };
}

const FIELD_P = ed448.Point.Fp.ORDER;
const affine = (x: bigint, y: bigint) => ed448.Point.fromAffine({ x, y });

/** The first y whose encoding decodes to no point on the curve. */
function offCurve(): Uint8Array {
  for (let y = 2n; ; y++) {
    const bytes = numberToBytesLE(y, POINT_BYTES);
    try {
      ed448.Point.fromBytes(bytes);
    } catch {
      return bytes;
    }
  }
}

/** POINT encodings "Verifying that a point is on the curve" refuses, named. */
export function hostilePointsV4(): readonly (readonly [string, Uint8Array])[] {
  const valid = multiplyBase(12345n);
  const nonCanonical = valid.toBytes();
  nonCanonical[56] = (nonCanonical[56] as number) | 0x01;
  return [
    ['the identity', ed448.Point.ZERO.toBytes()],
    ['the point of order 2', affine(0n, FIELD_P - 1n).toBytes()],
    ['a point of order 4', affine(FIELD_P - 1n, 0n).toBytes()],
    ['a point with a small-order component', valid.add(affine(FIELD_P - 1n, 0n)).toBytes()],
    ['a non-canonical encoding', nonCanonical],
    ['a y with no point on the curve', offCurve()],
  ];
}

/** SCALAR encodings refused on receipt (DECISIONS D3: a scalar from the wire lies in [0, q)). */
export const HOSTILE_SCALARS_V4: readonly (readonly [string, Uint8Array])[] = [
  ['q', numberToBytesLE(Q, SCALAR_BYTES)],
  ['q + 1', numberToBytesLE(Q + 1n, SCALAR_BYTES)],
  ['2^456 - 1', new Uint8Array(SCALAR_BYTES).fill(0xff)],
];
