/**
 * A peer that runs the AKE honestly (it knows its D-H secrets, so every MAC it
 * sends verifies) but signs with an identity of its choosing: the way to put a
 * hostile DSA key, or a malformed signature, in front of the signature checks.
 * The signature block is built here from the spec (Protocol-v3, "Reveal
 * Signature Message"), independently of otr/ake/signature-block.ts.
 */
import { AKE_KEY_ID, AUTH_NONE, handleAkeMessage, startAke, type AkeParty, type AuthState } from '../ake/ake';
import { deriveAkeKeys } from '../ake/ake-keys';
import { blockMac, type SignatureKeys, type SignedBlock } from '../ake/signature-block';
import { bigintToFixedBytes } from '../crypto/bigint';
import { dhSharedSecret } from '../crypto/dh-group';
import { encodePublicKey, signatureHalfBytes, type DsaPublicKey, type DsaSignature } from '../crypto/dsa';
import { aesCtr, hmacSha256, ZERO_CTR } from '../crypto/primitives';
import { Writer } from '../wire/codec';
import type { DhCommit, DhKey, ProtocolVersion, RevealSignature, Signature } from '../wire/messages';

export interface Identity {
  key: DsaPublicKey;
  /** Signs M, the 32-byte HMAC the block carries a signature of. */
  sign(m: Uint8Array): DsaSignature;
  keyId?: number;
}

/** r || s, each as long as the key's q says. */
export function signatureBytes(sig: DsaSignature, key: DsaPublicKey): Uint8Array {
  const half = signatureHalfBytes(key);
  return new Writer().raw(bigintToFixedBytes(sig.r, half)).raw(bigintToFixedBytes(sig.s, half)).finish();
}

/** X = pub, keyid, sig(M) with M = HMAC-SHA256(signMac, g^signer, g^other, pub, keyid); encrypted, then MACed. */
export function sealIdentity(keys: SignatureKeys, signerDh: bigint, otherDh: bigint, id: Identity): SignedBlock {
  const keyId = id.keyId ?? AKE_KEY_ID;
  const pub = encodePublicKey(id.key);
  const m = hmacSha256(keys.signMac, new Writer().mpi(signerDh).mpi(otherDh).raw(pub).int(keyId).finish());
  const x = new Writer()
    .raw(pub)
    .int(keyId)
    .raw(signatureBytes(id.sign(m), id.key))
    .finish();
  const encryptedSignature = aesCtr(keys.enc, ZERO_CTR, x);
  return { encryptedSignature, mac: blockMac(keys, encryptedSignature) };
}

export interface Forger<M> {
  honest: M;
  /** The same message, its signature block carrying `id` instead. */
  forge(id: Identity): M;
}

export interface ForgeScene<M> extends Forger<M> {
  /** The victim's state, waiting for `honest`. */
  victim: AuthState;
}

/** The attacker committed (its state: `committed`) and got `dhKey` back: what it can send next. */
export function revealSignatureForger(committed: AuthState, dhKey: DhKey, attacker: AkeParty): Forger<RevealSignature> {
  const reveal = handleAkeMessage(committed, dhKey, attacker);
  const auth = reveal.auth;
  if (auth.state !== 'awaiting-sig') throw new Error('the exchange did not reach the Reveal Signature');
  const honest = reveal.send as RevealSignature;
  const keys = { enc: auth.keys.c, signMac: auth.keys.m1, blockMac: auth.keys.m2 };
  return { honest, forge: (id) => ({ ...honest, ...sealIdentity(keys, auth.ours.pub, auth.theirs, id) }) };
}

/** `attacker` commits; the victim answers and waits for the Reveal Signature. */
export function revealSignatureScene(
  version: ProtocolVersion,
  attacker: AkeParty,
  victim: AkeParty,
): ForgeScene<RevealSignature> {
  const commit = startAke(attacker, version);
  const dhKey = handleAkeMessage(AUTH_NONE, commit.send as DhCommit, victim);
  return { victim: dhKey.auth, ...revealSignatureForger(commit.auth, dhKey.send as DhKey, attacker) };
}

/** The victim commits; `attacker` answers, and the victim waits for the Signature. */
export function signatureScene(version: ProtocolVersion, attacker: AkeParty, victim: AkeParty): ForgeScene<Signature> {
  const commit = startAke(victim, version);
  const dhKey = handleAkeMessage(AUTH_NONE, commit.send as DhCommit, attacker);
  const attackerAuth = dhKey.auth;
  if (attackerAuth.state !== 'awaiting-revealsig') throw new Error('the attacker did not answer the commit');
  const reveal = handleAkeMessage(commit.auth, dhKey.send as DhKey, victim);
  const done = handleAkeMessage(attackerAuth, reveal.send as RevealSignature, attacker);
  if (!done.complete) throw new Error('the attacker could not open the Reveal Signature');
  const gx = done.complete.theirPub;
  const k = deriveAkeKeys(dhSharedSecret(attackerAuth.ours, gx, attacker.env.math));
  const keys = { enc: k.cPrime, signMac: k.m1Prime, blockMac: k.m2Prime };
  const honest = done.send as Signature;
  return {
    victim: reveal.auth,
    honest,
    forge: (id) => ({ ...honest, ...sealIdentity(keys, attackerAuth.ours.pub, gx, id) }),
  };
}
