import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { seededRandom } from '../../test-support/fixtures';
import { encodePoint, multiplyBase, Q } from '../crypto/ed448';
import { ed448KeyPairFromSymKey, eddsaSign, eddsaVerify, generateEd448KeyPair } from './keys';

// RFC 8032 section 7.4, Ed448: secret key, public key, message, signature.
const RFC8032: readonly (readonly [string, string, string, string])[] = [
  [
    '6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b',
    '5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180',
    '',
    '533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980' +
      'ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600',
  ],
  [
    'c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e',
    '43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480',
    '03',
    '26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd77980' +
      '5e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00',
  ],
  [
    'cd23d24f714274e744343237b93290f511f6425f98e64459ff203e8985083ffdf60500553abc0e05cd02184bdb89c4ccd67e187951267eb328',
    'dcea9e78f35a1bf3499a831b10b86c90aac01cd84b67a0109b55a36e9328b1e365fce161d71ce7131a543ea4cb5f7e9f1d8b00696447001400',
    '0c3e544074ec63b0265e0c',
    '1f0a8888ce25e8d458a21130879b840a9089d999aaba039eaf3e3afa090a09d389dba82c4ff2ae8ac5cdfb7c55e94d5d961a29fe0109941e00' +
      'b8dbdeea6d3b051068df7254c0cdc129cbe62db2dc957dbb47b51fd3f213fb8698f064774250a5028961c9bf8ffd973fe5d5c206492b140e00',
  ],
  [
    '258cdd4ada32ed9c9ff54e63756ae582fb8fab2ac721f2c8e676a72768513d939f63dddb55609133f29adf86ec9929dccb52c1c5fd2ff7e21b',
    '3ba16da0c6f2cc1f30187740756f5e798d6bc5fc015d7c63cc9510ee3fd44adc24d8e968b6e46e6f94d19b945361726bd75e149ef09817f580',
    '64a65f3cdedcdd66811e2915',
    '7eeeab7c4e50fb799b418ee5e3197ff6bf15d43a14c34389b59dd1a7b1b85b4ae90438aca634bea45e3a2695f1270f07fdcdf7c62b8efeaf00' +
      'b45c2c96ba457eb1a8bf075a3db28e5c24f6b923ed4ad747c3c9e03c7079efb87cb110d3a99861e72003cbae6d6b8b827e4e6c143064ff3c00',
  ],
  [
    '7ef4e84544236752fbb56b8f31a23a10e42814f5f55ca037cdcc11c64c9a3b2949c1bb60700314611732a6c2fea98eebc0266a11a93970100e',
    'b3da079b0aa493a5772029f0467baebee5a8112d9d3a22532361da294f7bb3815c5dc59e176b4d9f381ca0938e13c6c07b174be65dfa578e80',
    '64a65f3cdedcdd66811e2915e7',
    '6a12066f55331b6c22acd5d5bfc5d71228fbda80ae8dec26bdd306743c5027cb4890810c162c027468675ecf645a83176c0d7323a2ccde2d80' +
      'efe5a1268e8aca1d6fbc194d3f77c44986eb4ab4177919ad8bec33eb47bbb5fc6e28196fd1caf56b4e7e0ba5519234d047155ac727a1053100',
  ],
  [
    'd65df341ad13e008567688baedda8e9dcdc17dc024974ea5b4227b6530e339bff21f99e68ca6968f3cca6dfe0fb9f4fab4fa135d5542ea3f01',
    'df9705f58edbab802c7f8363cfe5560ab1c6132c20a9f1dd163483a26f8ac53a39d6808bf4a1dfbd261b099bb03b3fb50906cb28bd8a081f00',
    'bd0f6a3747cd561bdddf4640a332461a4a30a12a434cd0bf40d766d9c6d458e5512204a30c17d1f50b5079631f64eb3112182da3005835461113718d1a5ef944',
    '554bc2480860b49eab8532d2a533b7d578ef473eeb58c98bb2d0e1ce488a98b18dfde9b9b90775e67f47d4a1c3482058efc9f40d2ca033a080' +
      '1b63d45b3b722ef552bad3b4ccb667da350192b61c508cf7b6b5adadc2c8d9a446ef003fb05cba5f30e88e36ec2703b349ca229c2670833900',
  ],
];

describe('Ed448 long-term keys and EdDSA (RFC 8032)', () => {
  RFC8032.forEach(([secret, pub, message, signature]) => {
    const length = message.length / 2;
    it(`derives the RFC 8032 public key for the ${length}-byte message vector`, () => {
      const key = ed448KeyPairFromSymKey(hexToBytes(secret));
      expect(toHex(key.publicBytes)).toBe(pub);
      expect(encodePoint(multiplyBase(key.secret))).toEqual(key.publicBytes);
    });

    it(`signs and verifies the RFC 8032 vector with a ${length}-byte message`, () => {
      const key = ed448KeyPairFromSymKey(hexToBytes(secret));
      expect(toHex(eddsaSign(key, hexToBytes(message)))).toBe(signature);
      expect(eddsaVerify(hexToBytes(pub), hexToBytes(message), hexToBytes(signature))).toBe(true);
    });
  });

  const [secret, pub, , signature] = RFC8032[1] as readonly [string, string, string, string];
  const message = Uint8Array.of(3);

  it('refuses a signature with any byte changed, or over another message', () => {
    const sig = hexToBytes(signature);
    for (const at of [0, 56, 57, 113]) {
      const bad = sig.slice();
      bad[at] = (bad[at] as number) ^ 1;
      expect(eddsaVerify(hexToBytes(pub), message, bad)).toBe(false);
    }
    expect(eddsaVerify(hexToBytes(pub), Uint8Array.of(4), sig)).toBe(false);
  });

  it('refuses S + q, the same signature with S out of range', () => {
    const sig = hexToBytes(signature);
    const s = bytesToNumberLE(sig.subarray(57));
    sig.set(numberToBytesLE(s + Q, 57), 57);
    expect(eddsaVerify(hexToBytes(pub), message, sig)).toBe(false);
  });

  it('refuses keys and signatures of the wrong length without throwing', () => {
    expect(eddsaVerify(hexToBytes(pub).subarray(1), message, hexToBytes(signature))).toBe(false);
    expect(eddsaVerify(hexToBytes(pub), message, hexToBytes(signature).subarray(1))).toBe(false);
    expect(eddsaVerify(new Uint8Array(57).fill(0xff), message, hexToBytes(signature))).toBe(false);
  });

  it('makes a key pair from 57 bytes of the injected randomness', () => {
    const key = generateEd448KeyPair(seededRandom('long-term'));
    expect(key.symKey).toEqual(seededRandom('long-term').bytes(57));
    expect(key).toEqual(ed448KeyPairFromSymKey(key.symKey));
    expect(toHex(ed448KeyPairFromSymKey(hexToBytes(secret)).symKey)).toBe(secret);
  });
});
