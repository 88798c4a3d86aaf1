/**
 * Throughput of the ratchet through the wire format (seal, encode, decode, open), with
 * the fastest ModPow otr tests have: OpenSSL's (node:crypto) on the 3072-bit group.
 * Run with OTR_V4_BENCH=1 to print figures over enough messages to mean something;
 * otherwise a few messages check that the measured paths work.
 *
 * One way: 100-byte plaintexts, no ratchet step (in a ratchet without a DH key, and in
 * one carrying its 384-byte DH key). Alternating: every message answers the last, so
 * each starts a ratchet (a new ECDH key each time, a 3072-bit DH key every third).
 */
import { createDiffieHellman } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigintModPow } from '../../crypto/bigint';
import type { ModPow } from '../../crypto/env';
import { ratchetPair } from '../../test-support/v4-ratchet-pair';
import { DH3072_PRIME } from '../crypto/dh3072';
import { decodeDataMessage } from '../wire/data-message';
import type { Ratchet } from './ratchet';

const BENCH = process.env.OTR_V4_BENCH === '1';

function toBuffer(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** b^e mod p through OpenSSL's constant-time exponentiation for the brace key's group; BigInt otherwise. */
function opensslModPow(): ModPow {
  const dh = createDiffieHellman(toBuffer(DH3072_PRIME), Buffer.of(2));
  return {
    modPow(base, exponent, modulus) {
      if (modulus !== DH3072_PRIME || exponent < 2n || base < 2n || base >= modulus - 1n)
        return bigintModPow(base, exponent, modulus);
      dh.setPrivateKey(toBuffer(exponent));
      return BigInt(`0x${dh.computeSecret(toBuffer(base)).toString('hex')}`);
    },
  };
}

const plaintext = new Uint8Array(100).fill(0x61);

function pass(from: Ratchet, to: Ratchet): void {
  const opened = to.open(decodeDataMessage(from.seal(plaintext).bytes));
  if (!opened.ok) throw new Error(opened.reason);
}

function rate(count: number, run: () => void): number {
  const start = performance.now();
  for (let n = 0; n < count; n++) run();
  return Math.round((count * 1000) / (performance.now() - start));
}

describe('ratchet throughput', () => {
  const math = opensslModPow();

  it('one way, without a ratchet step', () => {
    const { alice, bob } = ratchetPair('bench', { math });
    // Ratchet 1 (Alice's, after Bob's 0) takes the brace KDF: its messages carry no DH key.
    pass(bob, alice);
    pass(alice, bob);
    const count = BENCH ? 20_000 : 200;
    rate(count / 10, () => pass(alice, bob));
    const withoutDh = rate(count, () => pass(alice, bob));
    // Bob's ratchet 0 brought a new DH key: its messages carry it (384 bytes more to MAC).
    const fresh = ratchetPair('bench-dh', { math });
    const withDh = rate(count, () => pass(fresh.bob, fresh.alice));
    if (BENCH) console.log(`one way: ${withoutDh} msg/s (no DH key carried), ${withDh} msg/s (DH key carried)`);
    expect(bob.counters.k).toBeGreaterThan(count);
  });

  it('alternating, every message a new ratchet', () => {
    const { alice, bob } = ratchetPair('bench-alt', { math });
    const count = BENCH ? 600 : 12;
    let turn = 0;
    const alternate = () => (turn++ % 2 === 0 ? pass(alice, bob) : pass(bob, alice));
    rate(6, alternate);
    const perSecond = rate(count, alternate);
    if (BENCH) console.log(`alternating: ${perSecond} msg/s (a 3072-bit DH key every third message)`);
    expect(alice.counters.i).toBeGreaterThan(count / 2);
  });
});
