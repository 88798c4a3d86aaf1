/**
 * The authenticated key exchange of OTR v2/v3 (Protocol-v3, "Authenticated Key
 * Exchange" and "The protocol state machine" / authstate): D-H Commit, D-H Key,
 * Reveal Signature, Signature, with every transition the spec lists, including
 * both sides committing at once and retransmitted messages.
 *
 * Pure: each function takes the current state and returns the next one, what to
 * send, and, when the exchange completes, the new session's keys.
 */
import { constantTimeEqual } from '../bytes';
import { bytesToBigint } from '../crypto/bigint';
import { dhSharedSecret, generateDhKeyPair, isValidGroupElement, type DhKeyPair } from '../crypto/dh-group';
import type { DsaPrivateKey, DsaPublicKey } from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import { aesCtr, sha256, ZERO_CTR } from '../crypto/primitives';
import { Reader, WireError, Writer } from '../wire/codec';
import type { BinaryMessage, DhCommit, DhKey, ProtocolVersion, RevealSignature, Signature } from '../wire/messages';
import { deriveAkeKeys, type AkeKeys } from './ake-keys';
import { makeSignatureBlock, openSignatureBlock } from './signature-block';

/** The key id each side gives its AKE D-H key; data messages then count up from it. */
export const AKE_KEY_ID = 1;
const R_BYTES = 16;

export type AuthState =
  | { state: 'none' }
  | { state: 'awaiting-dhkey'; version: ProtocolVersion; r: Uint8Array; ours: DhKeyPair; commit: DhCommit }
  | {
      state: 'awaiting-revealsig';
      version: ProtocolVersion;
      ours: DhKeyPair;
      encryptedGx: Uint8Array;
      hashedGx: Uint8Array;
      dhKey: DhKey;
    }
  | {
      state: 'awaiting-sig';
      version: ProtocolVersion;
      ours: DhKeyPair;
      theirs: bigint;
      keys: AkeKeys;
      revealSignature: RevealSignature;
    };

export const AUTH_NONE: AuthState = { state: 'none' };

export interface AkeParty {
  env: OtrEnv;
  longTerm: DsaPrivateKey;
  ourTag: number;
  theirTag: number;
}

/** What a completed exchange leaves behind: the inputs of the data phase. */
export interface AkeCompletion {
  version: ProtocolVersion;
  ssid: Uint8Array;
  ours: DhKeyPair;
  ourKeyId: number;
  theirPub: bigint;
  theirKeyId: number;
  theirLongTerm: DsaPublicKey;
  /** We sent the Reveal Signature message: we show the first half of the ssid in bold. */
  weSentRevealSignature: boolean;
}

export interface AkeStep {
  auth: AuthState;
  send?: BinaryMessage;
  complete?: AkeCompletion;
  /** Why a message was ignored, for logs and diagnostics; never shown as an error by itself. */
  ignored?: string;
}

const header = (p: AkeParty, version: ProtocolVersion) => ({
  version,
  senderTag: version === 3 ? p.ourTag : 0,
  receiverTag: version === 3 ? p.theirTag : 0,
});

const mpiBytes = (n: bigint) => new Writer().mpi(n).finish();

/** Starts an exchange: a fresh D-H key, committed to by an encrypted and hashed g^x. */
export function startAke(p: AkeParty, version: ProtocolVersion): AkeStep {
  const ours = generateDhKeyPair(p.env.random, p.env.math);
  const r = p.env.random.bytes(R_BYTES);
  const gx = mpiBytes(ours.pub);
  const commit: DhCommit = {
    ...header(p, version),
    type: 'dh-commit',
    encryptedGx: aesCtr(r, ZERO_CTR, gx),
    hashedGx: sha256(gx),
  };
  return { auth: { state: 'awaiting-dhkey', version, r, ours, commit }, send: commit };
}

function replyWithDhKey(p: AkeParty, m: DhCommit, ours = generateDhKeyPair(p.env.random, p.env.math)): AkeStep {
  const dhKey: DhKey = { ...header(p, m.version), type: 'dh-key', gy: ours.pub };
  return {
    auth: {
      state: 'awaiting-revealsig',
      version: m.version,
      ours,
      encryptedGx: m.encryptedGx,
      hashedGx: m.hashedGx,
      dhKey,
    },
    send: dhKey,
  };
}

function onCommit(auth: AuthState, m: DhCommit, p: AkeParty): AkeStep {
  switch (auth.state) {
    case 'none':
    case 'awaiting-sig':
      return replyWithDhKey(p, m);
    case 'awaiting-dhkey': {
      // Both sides committed: the higher hash keeps its commit, compared as big-endian numbers.
      if (bytesToBigint(auth.commit.hashedGx) > bytesToBigint(m.hashedGx))
        return { auth, send: auth.commit, ignored: 'a simultaneous D-H Commit; ours wins' };
      return replyWithDhKey(p, m);
    }
    case 'awaiting-revealsig': {
      // Same D-H key message again, but remember the newest commit.
      const next: AuthState = {
        ...auth,
        version: m.version,
        encryptedGx: m.encryptedGx,
        hashedGx: m.hashedGx,
        dhKey: { ...auth.dhKey, ...header(p, m.version) },
      };
      return { auth: next, send: next.dhKey };
    }
  }
}

function onDhKey(auth: AuthState, m: DhKey, p: AkeParty): AkeStep {
  if (auth.state === 'awaiting-sig') {
    if (m.gy === auth.theirs) return { auth, send: auth.revealSignature };
    return { auth, ignored: 'a different D-H Key while awaiting the Signature' };
  }
  if (auth.state !== 'awaiting-dhkey') return { auth, ignored: `a D-H Key in state ${auth.state}` };
  if (m.version !== auth.version) return { auth, ignored: 'a D-H Key of another protocol version' };
  if (!isValidGroupElement(m.gy)) return { auth, ignored: 'a D-H Key with g^y out of range' };
  const s = dhSharedSecret(auth.ours, m.gy, p.env.math);
  const keys = deriveAkeKeys(s);
  const block = makeSignatureBlock(
    { enc: keys.c, signMac: keys.m1, blockMac: keys.m2 },
    auth.ours.pub,
    m.gy,
    p.longTerm,
    AKE_KEY_ID,
    p.env.random,
    p.env.math,
  );
  const revealSignature: RevealSignature = {
    ...header(p, auth.version),
    type: 'reveal-signature',
    revealedKey: auth.r,
    ...block,
  };
  return {
    auth: { state: 'awaiting-sig', version: auth.version, ours: auth.ours, theirs: m.gy, keys, revealSignature },
    send: revealSignature,
  };
}

function onRevealSignature(auth: AuthState, m: RevealSignature, p: AkeParty): AkeStep {
  if (auth.state !== 'awaiting-revealsig') return { auth, ignored: `a Reveal Signature in state ${auth.state}` };
  if (m.version !== auth.version) return { auth, ignored: 'a Reveal Signature of another protocol version' };
  if (m.revealedKey.length !== R_BYTES) return { auth, ignored: 'a revealed key of the wrong length' };
  const gxmpi = aesCtr(m.revealedKey, ZERO_CTR, auth.encryptedGx);
  if (!constantTimeEqual(sha256(gxmpi), auth.hashedGx))
    return { auth, ignored: 'the revealed g^x does not match its commitment' };
  const r = new Reader(gxmpi);
  const gx = r.mpi('g^x');
  if (r.remaining !== 0 || !isValidGroupElement(gx)) return { auth, ignored: 'a revealed g^x out of range' };
  const keys = deriveAkeKeys(dhSharedSecret(auth.ours, gx, p.env.math));
  let them;
  try {
    them = openSignatureBlock({ enc: keys.c, signMac: keys.m1, blockMac: keys.m2 }, m, gx, auth.ours.pub, p.env.math);
  } catch (err) {
    return {
      auth,
      ignored: err instanceof WireError ? `Reveal Signature: ${err.message}` : 'Reveal Signature did not verify',
    };
  }
  const block = makeSignatureBlock(
    { enc: keys.cPrime, signMac: keys.m1Prime, blockMac: keys.m2Prime },
    auth.ours.pub,
    gx,
    p.longTerm,
    AKE_KEY_ID,
    p.env.random,
    p.env.math,
  );
  const signature: Signature = { ...header(p, auth.version), type: 'signature', ...block };
  return {
    auth: AUTH_NONE,
    send: signature,
    complete: {
      version: auth.version,
      ssid: keys.ssid,
      ours: auth.ours,
      ourKeyId: AKE_KEY_ID,
      theirPub: gx,
      theirKeyId: them.keyId,
      theirLongTerm: them.longTerm,
      weSentRevealSignature: false,
    },
  };
}

function onSignature(auth: AuthState, m: Signature, p: AkeParty): AkeStep {
  if (auth.state !== 'awaiting-sig') return { auth, ignored: `a Signature in state ${auth.state}` };
  if (m.version !== auth.version) return { auth, ignored: 'a Signature of another protocol version' };
  let them;
  try {
    them = openSignatureBlock(
      { enc: auth.keys.cPrime, signMac: auth.keys.m1Prime, blockMac: auth.keys.m2Prime },
      m,
      auth.theirs,
      auth.ours.pub,
      p.env.math,
    );
  } catch (err) {
    return { auth, ignored: err instanceof WireError ? `Signature: ${err.message}` : 'Signature did not verify' };
  }
  return {
    auth: AUTH_NONE,
    complete: {
      version: auth.version,
      ssid: auth.keys.ssid,
      ours: auth.ours,
      ourKeyId: AKE_KEY_ID,
      theirPub: auth.theirs,
      theirKeyId: them.keyId,
      theirLongTerm: them.longTerm,
      weSentRevealSignature: true,
    },
  };
}

/** Advances the exchange with one received AKE message (the caller has checked the policy allows its version). */
export function handleAkeMessage(
  auth: AuthState,
  m: DhCommit | DhKey | RevealSignature | Signature,
  p: AkeParty,
): AkeStep {
  switch (m.type) {
    case 'dh-commit':
      return onCommit(auth, m, p);
    case 'dh-key':
      return onDhKey(auth, m, p);
    case 'reveal-signature':
      return onRevealSignature(auth, m, p);
    case 'signature':
      return onSignature(auth, m, p);
  }
}
