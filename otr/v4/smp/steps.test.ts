/**
 * Each step against the spec's formulas computed here independently, with noble's
 * points and SHAKE-256 directly, from the random bytes each step drew: the order
 * of the draws, the random scalars' derivation, every hash and every response.
 */
import { ed448 } from '@noble/curves/ed448.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import type { Random } from '../../crypto/env';
import { seededRandom } from '../../test-support/fixtures';
import { runSmpV4 } from '../../test-support/v4-smp';
import { Q } from '../crypto/ed448';
import { smpStep1, smpStep2, smpStep3, smpStep4, smpStep5 } from './steps';

type Point = InstanceType<typeof ed448.Point>;
const G = ed448.Point.BASE;
type Seven = [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
const mod = (v: bigint) => ((v % Q) + Q) % Q;

/** seededRandom, keeping every draw. */
function recording(seed: string): Random & { draws: Uint8Array[] } {
  const inner = seededRandom(seed);
  const draws: Uint8Array[] = [];
  return { draws, bytes: (n) => (draws.push(inner.bytes(n)), draws.at(-1) as Uint8Array) };
}

/** "Considerations while working with elliptic curve parameters": SHAKE-256(r, 57), pruned, mod q. */
function scalarOf(r: Uint8Array): bigint {
  const h = shake256(r, { dkLen: 57 });
  h[0] = (h[0] as number) & 0xfc;
  h[56] = 0;
  h[55] = (h[55] as number) | 0x80;
  return bytesToNumberLE(h) % Q;
}

/** HashToScalar(i || points): SHAKE-256("OTRv4" || i || POINTs, 57) little-endian mod q. */
function hashOf(i: number, ...points: Point[]): bigint {
  const input = new Uint8Array([...new TextEncoder().encode('OTRv4'), i, ...points.flatMap((p) => [...p.toBytes()])]);
  return bytesToNumberLE(shake256(input, { dkLen: 57 })) % Q;
}

const same = (a: Point, b: Point) => expect(toHex(a.toBytes())).toBe(toHex(b.toBytes()));
const scalars = (r: { draws: Uint8Array[] }) => r.draws.map(scalarOf);
const x = 0x1234567890abcdefn;
const y = 0x1234567890abcdefn;

// One run of the steps, each with its own recorded randomness.
const r1 = recording('step1');
const s1 = smpStep1(r1, x);
const r2 = recording('step2');
const s2 = smpStep2(r2, s1.msg, y);
if (!s2.ok) throw new Error(s2.reason);
const r3 = recording('step3');
const s3 = smpStep3(r3, s1.state, s2.value.msg);
if (!s3.ok) throw new Error(s3.reason);
const r4 = recording('step4');
const s4 = smpStep4(r4, s2.value.state, s3.value.msg);
if (!s4.ok) throw new Error(s4.reason);

describe('SMP v4 steps with fixed randomness', () => {
  it('message 1: a2, a3, r2, r3 drawn in order; G2a = G*a2, c2 = H(1 || G*r2), d2 = r2 - a2*c2; same for 3', () => {
    expect(r1.draws.map((d) => d.length)).toEqual([57, 57, 57, 57]);
    const [a2, a3, rr2, rr3] = scalars(r1) as [bigint, bigint, bigint, bigint];
    const m = s1.msg;
    same(m.g2a, G.multiply(a2));
    same(m.g3a, G.multiply(a3));
    expect(m.c2).toBe(hashOf(1, G.multiply(rr2)));
    expect(m.d2).toBe(mod(rr2 - a2 * m.c2));
    expect(m.c3).toBe(hashOf(2, G.multiply(rr3)));
    expect(m.d3).toBe(mod(rr3 - a3 * m.c3));
    expect(s1.state).toEqual({ x, a2, a3 });
  });

  it('message 2: b2, b3, r2..r6 drawn in order; G2b, G3b, their proofs, Pb, Qb and cp, d5, d6 as the spec', () => {
    expect(r2.draws).toHaveLength(7);
    const [b2, b3, rr2, rr3, rr4, rr5, rr6] = scalars(r2) as Seven;
    const m = s2.value.msg;
    const g2 = s1.msg.g2a.multiply(b2);
    const g3 = s1.msg.g3a.multiply(b3);
    same(m.g2b, G.multiply(b2));
    same(m.g3b, G.multiply(b3));
    expect([m.c2, m.d2]).toEqual([hashOf(3, G.multiply(rr2)), mod(rr2 - b2 * m.c2)]);
    expect([m.c3, m.d3]).toEqual([hashOf(4, G.multiply(rr3)), mod(rr3 - b3 * m.c3)]);
    same(m.pb, g3.multiply(rr4));
    same(m.qb, G.multiply(rr4).add(g2.multiply(y)));
    expect(m.cp).toBe(hashOf(5, g3.multiply(rr5), G.multiply(rr5).add(g2.multiply(rr6))));
    expect(m.d5).toBe(mod(rr5 - rr4 * m.cp));
    expect(m.d6).toBe(mod(rr6 - y * m.cp));
  });

  it('message 3: r4..r7 drawn in order; Pa, Qa, cp (6), Ra = (Qa - Qb)*a3, cr = H(7 || G*r7 || (Qa - Qb)*r7)', () => {
    expect(r3.draws).toHaveLength(4);
    const [rr4, rr5, rr6, rr7] = scalars(r3) as [bigint, bigint, bigint, bigint];
    const { a2, a3 } = s1.state;
    const m = s3.value.msg;
    const g2 = s2.value.msg.g2b.multiply(a2);
    const g3 = s2.value.msg.g3b.multiply(a3);
    same(m.pa, g3.multiply(rr4));
    same(m.qa, G.multiply(rr4).add(g2.multiply(x)));
    expect(m.cp).toBe(hashOf(6, g3.multiply(rr5), G.multiply(rr5).add(g2.multiply(rr6))));
    expect([m.d5, m.d6]).toEqual([mod(rr5 - rr4 * m.cp), mod(rr6 - x * m.cp)]);
    const qab = m.qa.subtract(s2.value.msg.qb);
    same(m.ra, qab.multiply(a3));
    expect(m.cr).toBe(hashOf(7, G.multiply(rr7), qab.multiply(rr7)));
    expect(m.d7).toBe(mod(rr7 - a3 * m.cr));
    same(s3.value.state.paMinusPb, m.pa.subtract(s2.value.msg.pb));
  });

  it('message 4: r7 drawn; Rb = (Qa - Qb)*b3, cr = H(8 || G*r7 || (Qa - Qb)*r7), d7 = r7 - b3*cr', () => {
    expect(r4.draws).toHaveLength(1);
    const [rr7] = scalars(r4) as [bigint];
    const b3 = s2.value.state.b3;
    const qab = s3.value.msg.qa.subtract(s2.value.msg.qb);
    const m = s4.value.msg;
    same(m.rb, qab.multiply(b3));
    expect(m.cr).toBe(hashOf(8, G.multiply(rr7), qab.multiply(rr7)));
    expect(m.d7).toBe(mod(rr7 - b3 * m.cr));
  });

  it('both sides find Rab == Pa - Pb when x == y', () => {
    expect(s4.value.success).toBe(true);
    const s5 = smpStep5(s3.value.state, s4.value.msg);
    expect(s5).toEqual({ ok: true, value: { success: true } });
  });

  it('gives the same transcript for the same seeds (our own known answer, not the spec’s)', () => {
    const transcript = () => {
      const { alice, bob } = runSmpV4('secret', 'secret', { question: 'Q?', seed: 'known' });
      const tlvs = [alice.sent[0], bob.sent[0], alice.sent[1], bob.sent[1]];
      return toHex(sha256(new Uint8Array(tlvs.flatMap((t) => (t ? [t.type, ...t.value] : [])))));
    };
    const first = transcript();
    expect(transcript()).toBe(first);
    expect(first).toBe('820af02f4da56aeebabdd5974d48ec6b08d6c8baa643b24efed4092b6303444b');
  });
});
