import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { bigintModPow, bigintToBytes, bytesToBigint } from '../../crypto/bigint';
import { bigintModPowEngine } from '../../crypto/env';
import { seededRandom } from '../../test-support/fixtures';
import {
  DH3072_PRIME,
  DH3072_Q,
  DH3072_SECRET_BYTES,
  dhSharedSecret,
  generateDH,
  isInDhGroup,
  isInDhRange,
} from './dh3072';
import { kdf, USAGE_BRACE_KEY, USAGE_THIRD_BRACE_KEY } from './kdf';

const math = bigintModPowEngine;

// libotr-ng src/test/units/test_dh.c, test_dh_shared_secret (same group and encoding as the spec).
const KAT_SECRET =
  '371734739bb11947cf7a07bc130bbf0000b96780c62a5e4b2c4a9b9c00e7975611e092e0e18c88ecc5ed24f485a817538c3b6b2123' +
  '70309594e2abaf1bd0d5fd7b756b7680df39b02b419ff6e67f5054';
const KAT_PUBLIC =
  'ca1464e36a5fcbe760e64d6acd2046c6852aa398c84dac7a825a8dd8347cc77a461c3fe1a57e210cf3d5f30a585f57bc6de9f24bb393' +
  'a851903ec915e4c64376cfef6a33aef3731dd2052b36e9f01bc80b41aacb21e6d1f4da34f8b442b79d5f6e55528b76d135487853f9f7' +
  '70ff75c673ba581adf5169f45cfd04ca7361af691c5bcfb9873b85a776d577ad99438107e314ec86e6cfbda223e67f1e87dd6c064b49' +
  'd83d386ec763406872a66b64bbb1378501cbbf774614df7455526401c4dbd3db8a90c8e9a2a2513c97ea4838760f7561307ce69b0a2e' +
  'e29482e56de02da98d4022cfd21a3beaa8aabd6b8a7cd6e1e835661ab7a5320b06eba9c18d7b9a5ba59a624e2e2fe8ecbcc1cb87793e' +
  '32ae66aa52fda297bd95ff82fc3805457d712083373fd871da21d712a23d9a64b86ea10b2bb3efee37fcb295dc894d0c1c996f4ac674' +
  '64d5134c59f5cf6a72fed5be0893746935ea82624e0bdbd0ec1ce61d02b4ae2b16ce21a605f57354527f7d3ebef03054f66ff64e156b' +
  'c301587dbf9d';
const KAT_SHARED =
  '1ee9ef72af0896d92d1c9e7d4b7ddf014a8e457f644ca2d11684e2c76e58160dccc3400476207beb39be6110fec4738a41008beec799' +
  '79a11835402e9872efff101d8a6d6369907f66ce617c3925efd61f5531e30bb4655586d1cb873c0eb26b20409cd9a7b0eb6c41b6612a' +
  'a295278a0cd4aec1a523cd7117eb94eb649f942e5983d4d041b5930b759c671b1891c735a7af60afc5ae85a1cbe1ef8ef64300c2b8dc' +
  'd283b35ec4f2755926d63f04d556bf92a8893136b2dc6aa0c3bbb098924fb95582b1d78f044c88edd99cdb65bb46957c9aafacc5663d' +
  'ca66d9aa4fb593db4ed71dbc7108303b5471220fd326dff0c1f17bb644409241b8771ba3dd767f9c92f012aae45f804fc55f03c7ddf6' +
  '6af35c6d112f3f7c579033cb1a461cfac4748b7dc359ba259055f57af8735fe2404d51f800d38c8c5275653262c337481f3ab91efbc2' +
  '7e32775269a1ad0f85ff20daa8599f6d235d74b049875ba229d19bdcbcb29d9768b0935b25e05c0d45a6c79c9ad88bdfdcca4b9b011b' +
  '09ad433d1d';

describe('the 3072-bit DH group', () => {
  it('has the RFC 3526 3072-bit prime, and q = (p - 1) / 2', () => {
    expect(DH3072_PRIME.toString(2)).toHaveLength(3072);
    expect(DH3072_PRIME.toString(16).slice(-24)).toBe('a93ad2caffffffffffffffff');
    expect(2n * DH3072_Q + 1n).toBe(DH3072_PRIME);
  });

  it("reproduces libotr-ng's shared-secret known answer as a minimal 383-byte big-endian integer", () => {
    const shared = dhSharedSecret(bytesToBigint(hexToBytes(KAT_SECRET)), bytesToBigint(hexToBytes(KAT_PUBLIC)), math);
    expect(shared).toHaveLength(383);
    expect(toHex(shared)).toBe(KAT_SHARED);
  });

  it('reproduces the brace key known answers from k_dh = (2^(2^32))^(2^33) mod p', () => {
    const kDh = bigintToBytes(bigintModPow(bigintModPow(2n, 1n << 32n, DH3072_PRIME), 1n << 33n, DH3072_PRIME));
    expect(kDh).toHaveLength(384);
    const third = kdf(USAGE_THIRD_BRACE_KEY, 32, kDh);
    expect(toHex(third)).toBe('5ee51ae489840da554823729df0ccaffdd6d0a1050795f0d454f154b711fbc22');
    expect(toHex(kdf(USAGE_BRACE_KEY, 32, third))).toBe(
      '8f2e2aae475537f5cffd6b363a504ddcb9dcacf75b3a424bfd4d84b82fd9ea5d',
    );
  });

  it('makes an 80-byte secret from the injected randomness and g^r through the injected ModPow', () => {
    const calls: bigint[] = [];
    const spy = {
      modPow(b: bigint, e: bigint, m: bigint) {
        calls.push(e);
        return bigintModPow(b, e, m);
      },
    };
    const pair = generateDH(seededRandom('dh-gen'), spy);
    expect(pair.secret).toBe(bytesToBigint(seededRandom('dh-gen').bytes(DH3072_SECRET_BYTES)));
    expect(calls).toEqual([pair.secret]);
    expect(pair.public).toBe(bigintModPow(2n, pair.secret, DH3072_PRIME));
  });

  it('gives both parties the same shared secret', () => {
    const a = generateDH(seededRandom('dh-a'), math);
    const b = generateDH(seededRandom('dh-b'), math);
    expect(dhSharedSecret(a.secret, b.public, math)).toEqual(dhSharedSecret(b.secret, a.public, math));
  });

  it('accepts exactly 2..p-2 as the range', () => {
    expect([0n, 1n, 2n, DH3072_PRIME - 2n, DH3072_PRIME - 1n, DH3072_PRIME].map(isInDhRange)).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it('accepts a generated public value and refuses an element outside the subgroup of order q', () => {
    expect(isInDhGroup(generateDH(seededRandom('dh-in'), math).public, math)).toBe(true);
    // 2 generates the subgroup (p = 7 mod 8); p - 2 = -2 does not, since -1 is a non-residue (p = 3 mod 4).
    expect(isInDhGroup(2n, math)).toBe(true);
    expect(isInDhGroup(DH3072_PRIME - 2n, math)).toBe(false);
    expect(isInDhGroup(1n, math)).toBe(false);
  });

  it('refuses to compute a shared secret with a value out of range', () => {
    expect(() => dhSharedSecret(5n, 1n, math)).toThrow(RangeError);
    expect(() => dhSharedSecret(5n, DH3072_PRIME - 1n, math)).toThrow(RangeError);
  });
});
