/**
 * The encrypted, MACed identity blocks of the Reveal Signature and Signature
 * messages: X = pub, keyid, sig(M) where M = HMAC-SHA256(m1, g^ours, g^theirs,
 * pub, keyid), encrypted with AES-CTR under c and MACed with the first 160 bits
 * of HMAC-SHA256 under m2 (over the DATA field, length included).
 */
import { constantTimeEqual } from '../bytes';
import {
  dsaSign,
  dsaVerify,
  encodePublicKey,
  encodeSignature,
  peerPublicKeyProblem,
  readPublicKey,
  readSignature,
  type DsaPrivateKey,
  type DsaPublicKey,
} from '../crypto/dsa';
import type { ModPow, Random } from '../crypto/env';
import { aesCtr, hmacSha256, ZERO_CTR } from '../crypto/primitives';
import { Reader, WireError, Writer } from '../wire/codec';
import { MAC_BYTES } from '../wire/messages';

export interface SignatureKeys {
  /** AES key: c for the Reveal Signature message, c' for the Signature message. */
  enc: Uint8Array;
  /** m1 or m1': keys the HMAC that is signed. */
  signMac: Uint8Array;
  /** m2 or m2': keys the MAC over the encrypted block. */
  blockMac: Uint8Array;
}

function macOfSigned(
  keys: SignatureKeys,
  ourPub: bigint,
  theirPub: bigint,
  longTerm: DsaPublicKey,
  keyId: number,
): Uint8Array {
  const data = new Writer().mpi(ourPub).mpi(theirPub).raw(encodePublicKey(longTerm)).int(keyId).finish();
  return hmacSha256(keys.signMac, data);
}

export function blockMac(keys: SignatureKeys, encrypted: Uint8Array): Uint8Array {
  return hmacSha256(keys.blockMac, new Writer().data(encrypted).finish()).slice(0, MAC_BYTES);
}

export interface SignedBlock {
  encryptedSignature: Uint8Array;
  mac: Uint8Array;
}

export function makeSignatureBlock(
  keys: SignatureKeys,
  ourDhPub: bigint,
  theirDhPub: bigint,
  longTerm: DsaPrivateKey,
  keyId: number,
  random: Random,
  math: ModPow,
): SignedBlock {
  const pub: DsaPublicKey = { p: longTerm.p, q: longTerm.q, g: longTerm.g, y: longTerm.y };
  const m = macOfSigned(keys, ourDhPub, theirDhPub, pub, keyId);
  const sig = dsaSign(longTerm, m, random, math);
  const x = new Writer().raw(encodePublicKey(pub)).int(keyId).raw(encodeSignature(sig, pub)).finish();
  const encryptedSignature = aesCtr(keys.enc, ZERO_CTR, x);
  return { encryptedSignature, mac: blockMac(keys, encryptedSignature) };
}

export interface VerifiedIdentity {
  longTerm: DsaPublicKey;
  keyId: number;
}

/**
 * Checks the MAC before decrypting anything, then the key the block names (a
 * hostile key is refused like a bad signature), then the signature by that key.
 * `theirDhPub`/`ourDhPub` are from the signer's point of view reversed: the
 * signer MACed (its own g, our g).
 */
export function openSignatureBlock(
  keys: SignatureKeys,
  block: SignedBlock,
  theirDhPub: bigint,
  ourDhPub: bigint,
  math: ModPow,
): VerifiedIdentity {
  if (!constantTimeEqual(blockMac(keys, block.encryptedSignature), block.mac))
    throw new WireError('the signature block MAC does not verify');
  const r = new Reader(aesCtr(keys.enc, ZERO_CTR, block.encryptedSignature));
  const longTerm = readPublicKey(r);
  const keyId = r.int('the key id');
  const sig = readSignature(r, longTerm);
  r.end('the signature block');
  if (keyId === 0) throw new WireError('a key id of 0');
  const problem = peerPublicKeyProblem(longTerm, math);
  if (problem) throw new WireError(`an unusable public key: ${problem}`);
  const m = macOfSigned(keys, theirDhPub, ourDhPub, longTerm, keyId);
  if (!dsaVerify(longTerm, m, sig, math)) throw new WireError('the signature does not verify');
  return { longTerm, keyId };
}
