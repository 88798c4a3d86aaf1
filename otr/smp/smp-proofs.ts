/**
 * The three zero-knowledge proofs of the SMP (Protocol-v3, "The SMP state
 * machine"; libotr's sm.c calls them proof_know_log, proof_equal_coords and
 * proof_equal_logs), each made by one side and checked by the other. The
 * version byte hashed into every proof (1..8) ties it to its place in the
 * protocol, so neither side can replay the other's proofs.
 */
import { mulMod, response, sameHash, smpHash, type Derived, type SmpArithmetic } from './smp-group';

/** Knows a with X = g1^a: c = H(v, g1^r), D = r - a·c. */
export function proveKnowLog(ar: SmpArithmetic, version: number, a: bigint): { c: bigint; d: bigint } {
  const r = ar.random();
  const c = smpHash(version, ar.g(r));
  return { c, d: response(r, a, c) };
}

/** c = H(v, g1^D · X^c). */
export function checkKnowLog(ar: SmpArithmetic, version: number, c: bigint, d: bigint, x: bigint): boolean {
  return sameHash(c, smpHash(version, mulMod(ar.g(d), ar.pow(x, c))));
}

/**
 * P = g3^r and Q = g1^r · g2^secret use the same r:
 * c = H(v, g3^r5, g1^r5 · g2^r6), D5 = r5 - r·c, D6 = r6 - secret·c.
 */
export function proveCoords(
  ar: SmpArithmetic,
  version: number,
  g2: Derived,
  g3: Derived,
  r: bigint,
  secret: bigint,
): { c: bigint; d5: bigint; d6: bigint } {
  const r5 = ar.random();
  const r6 = ar.random();
  const c = smpHash(version, ar.derived(g3, r5), mulMod(ar.g(r5), ar.derived(g2, r6)));
  return { c, d5: response(r5, r, c), d6: response(r6, secret, c) };
}

/** c = H(v, g3^D5 · P^c, g1^D5 · g2^D6 · Q^c). */
export function checkCoords(
  ar: SmpArithmetic,
  version: number,
  proof: { c: bigint; d5: bigint; d6: bigint },
  p: bigint,
  q: bigint,
  g2: Derived,
  g3: Derived,
): boolean {
  const { c, d5, d6 } = proof;
  const first = mulMod(ar.derived(g3, d5), ar.pow(p, c));
  const second = mulMod(mulMod(ar.g(d5), ar.derived(g2, d6)), ar.pow(q, c));
  return sameHash(c, smpHash(version, first, second));
}

/** R = Qab^x3 uses the x3 of g3o = g1^x3: c = H(v, g1^r7, Qab^r7), D7 = r7 - x3·c. */
export function proveLogs(ar: SmpArithmetic, version: number, qab: bigint, x3: bigint): { c: bigint; d: bigint } {
  const r7 = ar.random();
  const c = smpHash(version, ar.g(r7), ar.pow(qab, r7));
  return { c, d: response(r7, x3, c) };
}

/** c = H(v, g1^D7 · g3o^c, Qab^D7 · R^c). */
export function checkLogs(
  ar: SmpArithmetic,
  version: number,
  c: bigint,
  d: bigint,
  r: bigint,
  qab: bigint,
  g3o: bigint,
): boolean {
  const first = mulMod(ar.g(d), ar.pow(g3o, c));
  const second = mulMod(ar.pow(qab, d), ar.pow(r, c));
  return sameHash(c, smpHash(version, first, second));
}
