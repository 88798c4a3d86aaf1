/**
 * The SMP math with fixed randomness, checked against a literal transcription
 * of libotr's sm.c (g2 and g3 computed, Pa/Pb by inversion, unreduced 1536-bit
 * random exponents): our messages pass its checks, its messages pass ours, and
 * both agree on the result. The exponent-combining shortcut is checked alone too.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../bytes';
import { bigintModPow, bytesToBigint, mod, modInverse } from '../crypto/bigint';
import type { Random } from '../crypto/env';
import { sha256 } from '../crypto/primitives';
import { seededRandom, testEnv } from '../test-support/fixtures';
import { fastEnv } from '../../testkit/smp-env';
import { encodeSmpTlv, type Smp1, type Smp2, type Smp3, type Smp4 } from './smp-messages';
import { G1, P, Q, randomExponent, SmpArithmetic, smpHash } from './smp-group';
import { smpSecret } from './smp-secret';
import { checkSmp1, smpStep1, smpStep2, smpStep3, smpStep4, smpStep5 } from './smp-steps';

const env = fastEnv('smp-steps');
const pw = (b: bigint, e: bigint) => env.math.modPow(b, e, P);
const mul = (...xs: bigint[]) => xs.reduce((a, b) => (a * b) % P, 1n);
const div = (a: bigint, b: bigint) => mul(a, modInverse(b, P));

/** libotr's sm.c, transcribed without shortcuts: the reference our steps must agree with. */
class Libotr {
  private readonly random: Random;
  constructor(seed: string) {
    this.random = seededRandom(seed);
  }
  private rand = () => bytesToBigint(this.random.bytes(192)); // randomExponent(): 1536 bits, not reduced
  knowLog(v: number, x: bigint) {
    const r = this.rand();
    const c = smpHash(v, pw(G1, r));
    return { c, d: mod(r - x * c, Q) };
  }
  coords(v: number, g2: bigint, g3: bigint, r: bigint, secret: bigint) {
    const [r1, r2] = [this.rand(), this.rand()];
    const c = smpHash(v, pw(g3, r1), mul(pw(G1, r1), pw(g2, r2)));
    return { c, d5: mod(r1 - r * c, Q), d6: mod(r2 - secret * c, Q) };
  }
  logs(v: number, qab: bigint, x3: bigint) {
    const r = this.rand();
    const c = smpHash(v, pw(G1, r), pw(qab, r));
    return { c, d: mod(r - x3 * c, Q) };
  }
  static checkKnowLog = (v: number, c: bigint, d: bigint, x: bigint) => smpHash(v, mul(pw(G1, d), pw(x, c))) === c;
  static checkCoords = (v: number, c: bigint, d5: bigint, d6: bigint, p: bigint, q: bigint, g2: bigint, g3: bigint) =>
    smpHash(v, mul(pw(g3, d5), pw(p, c)), mul(pw(G1, d5), pw(g2, d6), pw(q, c))) === c;
  static checkLogs = (v: number, c: bigint, d: bigint, r: bigint, qab: bigint, g3o: bigint) =>
    smpHash(v, mul(pw(G1, d), pw(g3o, c)), mul(pw(qab, d), pw(r, c))) === c;

  // Alice's side.
  private x = 0n;
  private x2 = 0n;
  private x3 = 0n;
  private pab = 0n;
  private qab = 0n;
  private g3o = 0n;
  step1(x: bigint): Smp1 {
    this.x = x;
    this.x2 = this.rand();
    this.x3 = this.rand();
    const p2 = this.knowLog(1, this.x2);
    const p3 = this.knowLog(2, this.x3);
    return { g2a: pw(G1, this.x2), c2: p2.c, d2: p2.d, g3a: pw(G1, this.x3), c3: p3.c, d3: p3.d };
  }
  step3(m: Smp2): Smp3 {
    expect(Libotr.checkKnowLog(3, m.c2, m.d2, m.g2b) && Libotr.checkKnowLog(4, m.c3, m.d3, m.g3b)).toBe(true);
    const g2 = pw(m.g2b, this.x2);
    const g3 = pw(m.g3b, this.x3);
    expect(Libotr.checkCoords(5, m.cp, m.d5, m.d6, m.pb, m.qb, g2, g3)).toBe(true);
    const r = this.rand();
    const pa = pw(g3, r);
    const qa = mul(pw(G1, r), pw(g2, this.x));
    const pq = this.coords(6, g2, g3, r, this.x);
    [this.pab, this.qab, this.g3o] = [div(pa, m.pb), div(qa, m.qb), m.g3b];
    const rp = this.logs(7, this.qab, this.x3);
    return { pa, qa, cp: pq.c, d5: pq.d5, d6: pq.d6, ra: pw(this.qab, this.x3), cr: rp.c, d7: rp.d };
  }
  step5(m: Smp4): boolean {
    expect(Libotr.checkLogs(8, m.cr, m.d7, m.rb, this.qab, this.g3o)).toBe(true);
    return pw(m.rb, this.x3) === this.pab;
  }

  // Bob's side.
  private bob = { g2: 0n, g3: 0n, g3o: 0n, x3: 0n, p: 0n, q: 0n };
  step2(m: Smp1, y: bigint): Smp2 {
    expect(Libotr.checkKnowLog(1, m.c2, m.d2, m.g2a) && Libotr.checkKnowLog(2, m.c3, m.d3, m.g3a)).toBe(true);
    const [x2, x3] = [this.rand(), this.rand()];
    const [g2, g3] = [pw(m.g2a, x2), pw(m.g3a, x3)];
    const p2 = this.knowLog(3, x2);
    const p3 = this.knowLog(4, x3);
    const r = this.rand();
    const p = pw(g3, r);
    const q = mul(pw(G1, r), pw(g2, y));
    const pq = this.coords(5, g2, g3, r, y);
    this.bob = { g2, g3, g3o: m.g3a, x3, p, q };
    return {
      g2b: pw(G1, x2),
      c2: p2.c,
      d2: p2.d,
      g3b: pw(G1, x3),
      c3: p3.c,
      d3: p3.d,
      pb: p,
      qb: q,
      cp: pq.c,
      d5: pq.d5,
      d6: pq.d6,
    };
  }
  step4(m: Smp3): { msg: Smp4; success: boolean } {
    const b = this.bob;
    expect(Libotr.checkCoords(6, m.cp, m.d5, m.d6, m.pa, m.qa, b.g2, b.g3)).toBe(true);
    const [pab, qab] = [div(m.pa, b.p), div(m.qa, b.q)];
    expect(Libotr.checkLogs(7, m.cr, m.d7, m.ra, qab, b.g3o)).toBe(true);
    const rp = this.logs(8, qab, b.x3);
    return { msg: { rb: pw(qab, b.x3), cr: rp.c, d7: rp.d }, success: pw(m.ra, b.x3) === pab };
  }
}

const X = 0xa11ce5ec7e7n;
const OTHER = 0xb0bn;
const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('the SMP steps against libotr’s math', () => {
  for (const [name, y, success] of [
    ['the same secret: both succeed', X, true],
    ['different secrets: both fail', OTHER, false],
  ] as const) {
    it(`our Alice, libotr’s Bob, ${name}`, () => {
      const bob = new Libotr('bob');
      const one = smpStep1(env, X);
      expect(checkSmp1(env, one.msg)).toBeUndefined();
      const two = bob.step2(one.msg, y);
      const three = ok(smpStep3(env, one.state, two));
      const four = bob.step4(three.msg);
      expect(four.success).toBe(success);
      expect(ok(smpStep5(env, three.state, four.msg)).success).toBe(success);
    });

    it(`libotr’s Alice, our Bob, ${name}`, () => {
      const alice = new Libotr('alice');
      const one = alice.step1(X);
      expect(checkSmp1(env, one)).toBeUndefined();
      const two = smpStep2(env, one, y);
      const three = alice.step3(two.msg);
      const four = ok(smpStep4(env, two.state, three));
      expect(four.success).toBe(success);
      expect(alice.step5(four.msg)).toBe(success);
    });
  }

  it('pins the bytes of message 1 under fixed randomness, the same with OpenSSL’s and BigInt’s exponentiation', () => {
    const digest = (e: typeof env) => toHex(sha256(encodeSmpTlv({ step: 1, msg: smpStep1(e, X).msg }).value));
    expect(digest(fastEnv('pinned'))).toBe('9d41bbc1810d45ddd30619cd6da45c453172f5cea8ac1792c63a9cc37abca1d0');
    expect(digest(testEnv('pinned'))).toBe('9d41bbc1810d45ddd30619cd6da45c453172f5cea8ac1792c63a9cc37abca1d0');
  });
});

describe('the arithmetic under the steps', () => {
  it('raises a derived generator in one exponentiation, equal to two, inside the order-q subgroup and outside it', () => {
    const ar = new SmpArithmetic(env);
    const inside = pw(G1, 0x1234567n);
    const outside = P - 2n; // -2 is not a square mod this p: order 2q, not q
    // (OpenSSL refuses an exponent that is a multiple of q, so this check runs in BigInt.)
    expect(bigintModPow(outside, Q, P)).toBe(P - 1n);
    const random = seededRandom('derived');
    for (const base of [inside, outside, 3n]) {
      for (let i = 0; i < 3; i++) {
        const [a, e] = [randomExponent(random), randomExponent(random)];
        expect(ar.derived({ base, exp: a }, e)).toBe(pw(pw(base, a), e));
      }
    }
  });

  it('draws random exponents in [1, q-1] from 200 random bytes', () => {
    let asked = 0;
    const counting: Random = { bytes: (n) => ((asked = n), seededRandom(`e${n}`).bytes(n)) };
    const e = randomExponent(counting);
    expect(asked).toBe(200);
    expect(e >= 1n && e < Q).toBe(true);
    expect(randomExponent({ bytes: (n) => new Uint8Array(n).fill(0xff) }) < Q).toBe(true);
  });

  it('computes the secret as SHA-256(1, initiator fp, responder fp, ssid, UTF-8 secret)', () => {
    const parties = {
      ourFingerprint: new Uint8Array(20).fill(0xaa),
      theirFingerprint: new Uint8Array(20).fill(0xbb),
      ssid: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    };
    const want = (first: Uint8Array, second: Uint8Array) =>
      bytesToBigint(
        sha256(concatBytes(Uint8Array.of(1), first, second, parties.ssid, new TextEncoder().encode('clé'))),
      );
    expect(smpSecret(parties, true, 'clé')).toBe(want(parties.ourFingerprint, parties.theirFingerprint));
    expect(smpSecret(parties, false, 'clé')).toBe(want(parties.theirFingerprint, parties.ourFingerprint));
  });
});

describe('the SMP steps refuse bad values before using them', () => {
  const one = smpStep1(env, X);
  const two = smpStep2(env, one.msg, X);
  const three = ok(smpStep3(env, one.state, two.msg));
  const four = ok(smpStep4(env, two.state, three.msg));

  it('names the first value out of range', () => {
    expect(checkSmp1(env, { ...one.msg, g2a: 1n })).toBe('g2a is not a valid group element');
    expect(checkSmp1(env, { ...one.msg, d3: Q })).toBe('D3 is not a valid exponent');
    expect(checkSmp1(env, { ...one.msg, c2: 1n << 256n })).toBe('c2 is longer than a hash');
    expect(smpStep3(env, one.state, { ...two.msg, qb: P - 1n })).toEqual({
      ok: false,
      reason: 'Qb is not a valid group element',
    });
    expect(smpStep4(env, two.state, { ...three.msg, d7: 0n })).toEqual({
      ok: false,
      reason: 'D7 is not a valid exponent',
    });
    expect(smpStep5(env, three.state, { ...four.msg, rb: P })).toEqual({
      ok: false,
      reason: 'Rb is not a valid group element',
    });
  });

  it('names the proof that does not verify', () => {
    expect(checkSmp1(env, { ...one.msg, c3: one.msg.c3 ^ 1n })).toBe('the proof for g3a does not verify');
    expect(smpStep3(env, one.state, { ...two.msg, d6: mod(two.msg.d6 + 1n, Q) || 1n })).toEqual({
      ok: false,
      reason: 'the proof for Pb and Qb does not verify',
    });
    expect(smpStep4(env, two.state, { ...three.msg, ra: three.msg.ra === 2n ? 3n : 2n })).toEqual({
      ok: false,
      reason: 'the proof for Ra does not verify',
    });
    expect(smpStep5(env, three.state, { ...four.msg, cr: four.msg.cr ^ 1n })).toEqual({
      ok: false,
      reason: 'the proof for Rb does not verify',
    });
  });
});
