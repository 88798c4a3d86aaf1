/**
 * The ring signature that authenticates both DAKEs (Appendices, "Ring Signature
 * Authentication"): a Schnorr OR proof of knowledge of the secret key of one of three
 * public keys, serialized as RING-SIG ("Serializing the Ring Signature Proof of
 * Authentication"): c1, r1, c2, r2, c3, r3, each a 57-byte SCALAR, 342 bytes.
 *
 * c = HashToScalar(usage_auth || G || q || A1 || A2 || A3 || T1 || T2 || T3 || m),
 * with G and each Ai and Ti as POINTs and q as 57 bytes little-endian; RVrf hashes
 * the same way (see DECISIONS.md for both choices).
 */
import { numberToBytesLE } from '@noble/curves/utils.js';
import { constantTimeEqual } from '../../bytes';
import type { Random } from '../../crypto/env';
import {
  type CurvePoint,
  decodeScalar,
  Ed448Error,
  encodeScalar,
  G,
  hashToScalar,
  Q,
  randomScalar,
  SCALAR_BYTES,
} from './ed448';
import { USAGE_AUTH } from './kdf';

export const RING_SIG_BYTES = 6 * SCALAR_BYTES;

/** {A1, A2, A3}: points already checked as the spec asks of them ("should be checked ... on the curve"). */
export type Ring = readonly [CurvePoint, CurvePoint, CurvePoint];
type Three = readonly [bigint, bigint, bigint];

export interface RingSignature {
  /** c1, c2, c3 */
  readonly c: Three;
  /** r1, r2, r3 */
  readonly r: Three;
}

export interface RingSigner {
  readonly secret: bigint;
  /** secret * G: finds the signer's place in the ring. */
  readonly public: CurvePoint;
}

const G_BYTES = G.toBytes();
const Q_BYTES = numberToBytesLE(Q, SCALAR_BYTES);

function challenge(ring: readonly Uint8Array[], t: readonly Uint8Array[], message: Uint8Array): bigint {
  return hashToScalar(USAGE_AUTH, G_BYTES, Q_BYTES, ...ring, ...t, message);
}

const modQ = (x: bigint): bigint => ((x % Q) + Q) % Q;

/**
 * sigma = RSig(A_i, a_i, {A1, A2, A3}, m), for the signer at any place i in the ring.
 *
 * The spec's constant-time generalization computes every Ti both ways and selects
 * one. Here every Ti is computed the same way, Ti = G * ri' + Ai * ci' with random
 * ri', ci', so the curve operations do not depend on i either, with four fewer
 * multiplications; at the signer's place this makes ti = ri' + ai * ci' (random, as
 * the spec's ti), and then ci = c - cj - ck, ri = ti - ci * ai as the spec computes them.
 */
export function ringSign(signer: RingSigner, ring: Ring, message: Uint8Array, random: Random): RingSignature {
  const ringBytes = ring.map((a) => a.toBytes());
  const mine = signer.public.toBytes();
  const matches = ringBytes.map((a) => constantTimeEqual(a, mine));
  const at = matches.indexOf(true);
  if (at < 0) throw new Ed448Error("the signer's key is not in the ring");
  const c: [bigint, bigint, bigint] = [randomScalar(random), randomScalar(random), randomScalar(random)];
  const r: [bigint, bigint, bigint] = [randomScalar(random), randomScalar(random), randomScalar(random)];
  const t = ring.map((a, i) =>
    G.multiply(r[i] as bigint)
      .add(a.multiply(c[i] as bigint))
      .toBytes(),
  );
  const ch = challenge(ringBytes, t, message);
  const ti = modQ((r[at] as bigint) + signer.secret * (c[at] as bigint));
  const ci = modQ(ch - c[0] - c[1] - c[2] + (c[at] as bigint));
  c[at] = ci;
  r[at] = modQ(ti - ci * signer.secret);
  return { c, r };
}

/** RVrf({A1, A2, A3}, sigma, m): c = HWC(...) mod q must equal c1 + c2 + c3 mod q. */
export function ringVerify(ring: Ring, sigma: RingSignature, message: Uint8Array): boolean {
  // decodeRingSignature() guarantees [0, q); a signature built some other way is checked here.
  if (![...sigma.c, ...sigma.r].every((s) => s >= 0n && s < Q)) return false;
  // Public scalars only: multiplyUnsafe, which also accepts 0.
  const t = ring.map((a, i) => G.multiplyUnsafe(sigma.r[i] as bigint).add(a.multiplyUnsafe(sigma.c[i] as bigint)));
  const ch = challenge(
    ring.map((a) => a.toBytes()),
    t.map((p) => p.toBytes()),
    message,
  );
  return ch === modQ(sigma.c[0] + sigma.c[1] + sigma.c[2]);
}

/** RING-SIG: c1, r1, c2, r2, c3, r3 as SCALARs. */
export function encodeRingSignature(sigma: RingSignature): Uint8Array {
  const out = new Uint8Array(RING_SIG_BYTES);
  for (let i = 0; i < 3; i++) {
    out.set(encodeScalar(sigma.c[i] as bigint), 2 * i * SCALAR_BYTES);
    out.set(encodeScalar(sigma.r[i] as bigint), (2 * i + 1) * SCALAR_BYTES);
  }
  return out;
}

/** Refuses any scalar >= q, as decodeScalar() does. */
export function decodeRingSignature(bytes: Uint8Array): RingSignature {
  if (bytes.length !== RING_SIG_BYTES) throw new Ed448Error(`a RING-SIG is ${RING_SIG_BYTES} bytes`);
  const at = (k: number) => decodeScalar(bytes.subarray(k * SCALAR_BYTES, (k + 1) * SCALAR_BYTES));
  return { c: [at(0), at(2), at(4)], r: [at(1), at(3), at(5)] };
}
