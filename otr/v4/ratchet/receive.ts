/**
 * Receiving ("When you receive a Data Message"; "Rotating ECDH Keys and Brace Key as
 * receiver"), in the spec's order: a stored skipped key; a message of a past ratchet
 * whose key is gone; the current receiving ratchet; a new ratchet of theirs.
 *
 * Nothing changes until the MAC has verified: keys are derived into locals and the
 * state is written only after ("If ... the MAC verification of the message fails ...
 * any changes to the state variables or key variables should be discarded"). So a
 * forged or damaged message costs computation, never state.
 */
import { constantTimeEqual } from '../../bytes';
import { bytesToBigint } from '../../crypto/bigint';
import type { OtrEnv } from '../../crypto/env';
import { chacha20Message } from '../crypto/chacha';
import { dhSharedSecret } from '../crypto/dh3072';
import { type CurvePoint, decodePoint, ecdh, Ed448Error } from '../crypto/ed448';
import type { ReceivedDataMessage } from '../wire/data-message';
import { carriesTlv, TLV4_EXTRA_SYMMETRIC_KEY } from '../wire/tlv';
import { isInBraceGroup } from './dh-check';
import {
  authenticator,
  braceKeyFromDh,
  deriveRatchetKeys,
  extraSymmetricKey,
  macKey,
  messageKey,
  mixedSharedSecret,
  nextBraceKey,
  nextChainKey,
  wipe,
} from './keys';
import type { StoredKey } from './skipped-keys';
import { addMacKeysToReveal, isDhRatchet, type RatchetState } from './state';

/**
 * `replay`: the message names a key this ratchet has used or deleted (a duplicate, a
 * message later than its stored key, or a forgery of either); nothing could be checked.
 */
export type Opened =
  { ok: true; plaintext: Uint8Array; extraKey: Uint8Array | undefined } | { ok: false; reason: string; replay?: true };

const refuse = (reason: string): Opened => ({ ok: false, reason });
const replay = (reason: string): Opened => ({ ok: false, reason, replay: true });

interface Verified {
  plaintext: Uint8Array;
  extraKey: Uint8Array | undefined;
  mkMac: Uint8Array;
}

/** Verifies the MAC with MKenc's MAC key, then decrypts; undefined (keys wiped) when the MAC fails. */
function verifyAndDecrypt(mkEnc: Uint8Array, m: ReceivedDataMessage, extra: () => Uint8Array): Verified | undefined {
  const mkMac = macKey(mkEnc);
  if (!constantTimeEqual(authenticator(mkMac, m.authenticated), m.mac)) {
    wipe(mkMac);
    return undefined;
  }
  const plaintext = chacha20Message(mkEnc, m.encrypted);
  return { plaintext, extraKey: carriesTlv(plaintext, TLV4_EXTRA_SYMMETRIC_KEY) ? extra() : undefined, mkMac };
}

/**
 * Walks a receiving chain from `chainKey` (message `from`) to message `to`: the keys
 * of the messages between, to store, and chain_key_r[to]. Intermediate chain keys are
 * wiped; the first is too unless it is the state's (wiped on commit).
 */
function walkChain(chainKey: Uint8Array, from: number, to: number, ownsFirst: boolean) {
  const stored: StoredKey[] = [];
  let ck = chainKey;
  for (let n = from; n < to; n++) {
    stored.push({ mkEnc: messageKey(ck), extraKey: extraSymmetricKey(ck) });
    const next = nextChainKey(ck);
    if (ck !== chainKey || ownsFirst) wipe(ck);
    ck = next;
  }
  return { stored, chainKey: ck };
}

function discard(stored: readonly StoredKey[], ...keys: Uint8Array[]): void {
  for (const s of stored) wipe(s.mkEnc, s.extraKey);
  wipe(...keys);
}

function storeSkipped(state: RatchetState, ecdhBytes: Uint8Array, first: number, keys: readonly StoredKey[]): void {
  if (keys.length > 0) addMacKeysToReveal(state, state.skipped.store(ecdhBytes, first, keys));
}

function openWithStored(state: RatchetState, m: ReceivedDataMessage, stored: StoredKey): Opened {
  const v = verifyAndDecrypt(stored.mkEnc, m, () => stored.extraKey.slice());
  // A bad MAC leaves the key stored: a forgery must not delete the key of a message still on its way.
  if (!v) return refuse('its MAC does not verify');
  state.skipped.delete(m.ecdh, m.messageId);
  addMacKeysToReveal(state, [v.mkMac]);
  return { ok: true, plaintext: v.plaintext, extraKey: v.extraKey };
}

/** "When receiving a data message in the same DH Ratchet". */
function openInCurrentRatchet(state: RatchetState, m: ReceivedDataMessage): Opened {
  if (m.ratchetId !== state.recvRatchetId) return refuse('its ratchet id is not that of its ECDH key');
  if (m.messageId < state.k) return replay('a message of this ratchet whose key is used or deleted');
  const chainR = state.chainR;
  if (!chainR) return refuse('no receiving chain for its ECDH key');
  if (m.messageId - state.k > state.limits.maxSkip) return refuse('it would skip more than max_skip message keys');
  const walk = walkChain(chainR, state.k, m.messageId, false);
  const mkEnc = messageKey(walk.chainKey);
  const v = verifyAndDecrypt(mkEnc, m, () => extraSymmetricKey(walk.chainKey));
  wipe(mkEnc);
  if (!v) {
    discard(walk.stored, ...(walk.chainKey === chainR ? [] : [walk.chainKey]));
    return refuse('its MAC does not verify');
  }
  storeSkipped(state, state.theirEcdhBytes, state.k, walk.stored);
  state.chainR = nextChainKey(walk.chainKey);
  wipe(walk.chainKey, chainR);
  state.k = m.messageId + 1;
  state.maxRemoteISeen = m.ratchetId;
  addMacKeysToReveal(state, [v.mkMac]);
  return { ok: true, plaintext: v.plaintext, extraKey: v.extraKey };
}

/** Their new keys, checked as the spec asks of received keys, or why not. */
function theirNewKeys(state: RatchetState, m: ReceivedDataMessage): { ecdh: CurvePoint; dh: bigint } | string {
  const dhRatchet = isDhRatchet(m.ratchetId);
  if (dhRatchet !== m.dh.length > 0)
    return dhRatchet ? 'a ratchet that needs a new DH key carries none' : 'a DH key in a ratchet that takes none';
  let point: CurvePoint;
  try {
    point = decodePoint(m.ecdh);
  } catch (e) {
    if (e instanceof Ed448Error) return `its ECDH key: ${e.message}`;
    throw e;
  }
  if (!dhRatchet) return { ecdh: point, dh: state.theirDh };
  const dh = bytesToBigint(m.dh);
  if (!isInBraceGroup(dh)) return 'its DH key is not in the DH group';
  return { ecdh: point, dh };
}

/** "Given a new ratchet": the previous chain's keys still to come stored, then the receiver's rotation. */
function openNewRatchet(state: RatchetState, env: OtrEnv, m: ReceivedDataMessage): Opened {
  // Their ratchets answer ours: one before we answered their last, or with another id, is not theirs.
  if (state.rotateBeforeSending) return refuse('a new ratchet before we answered their last');
  if (m.ratchetId !== state.i) return refuse(`a new ratchet must have id ${state.i}, not ${m.ratchetId}`);
  const { maxSkip } = state.limits;
  if (m.messageId > maxSkip) return refuse('it would skip more than max_skip message keys');
  const pn = m.previousChainLength;
  if (state.chainR && pn > state.k && pn - state.k > maxSkip)
    return refuse('the previous ratchet would leave more than max_skip message keys to store');
  const ourEcdh = state.ourEcdh.secret;
  const ourDh = state.ourDh.secret;
  if (ourEcdh === undefined) return refuse('no ECDH key of ours to answer');
  const theirs = theirNewKeys(state, m);
  if (typeof theirs === 'string') return refuse(theirs);
  const dhRatchet = isDhRatchet(m.ratchetId);
  if (dhRatchet && ourDh === undefined) return refuse('no DH key of ours to answer');

  const kEcdh = ecdh(ourEcdh, theirs.ecdh);
  let brace: Uint8Array;
  if (dhRatchet) {
    const kDh = dhSharedSecret(ourDh as bigint, theirs.dh, env.math);
    brace = braceKeyFromDh(kDh);
    wipe(kDh);
  } else {
    brace = nextBraceKey(state.brace);
  }
  const k = mixedSharedSecret(kEcdh, brace);
  const { rootKey, chainKey } = deriveRatchetKeys(state.rootKey, k);
  wipe(kEcdh, k);
  const walk = walkChain(chainKey, 0, m.messageId, true);
  const mkEnc = messageKey(walk.chainKey);
  const v = verifyAndDecrypt(mkEnc, m, () => extraSymmetricKey(walk.chainKey));
  wipe(mkEnc);
  if (!v) {
    discard(walk.stored, walk.chainKey, rootKey, brace);
    return refuse('its MAC does not verify');
  }

  const previous = state.chainR ? walkChain(state.chainR, state.k, Math.max(pn, state.k), false) : undefined;
  if (previous) {
    storeSkipped(state, state.theirEcdhBytes, state.k, previous.stored);
    wipe(previous.chainKey, state.chainR);
  }
  const theirEcdhBytes = m.ecdh.slice();
  storeSkipped(state, theirEcdhBytes, 0, walk.stored);
  state.theirEcdh = theirs.ecdh;
  state.theirEcdhBytes = theirEcdhBytes;
  state.theirDh = theirs.dh;
  // Their new keys are answered by new keys of ours: the secrets used here are done.
  state.ourEcdh.secret = undefined;
  if (dhRatchet) state.ourDh.secret = undefined;
  wipe(state.brace, state.rootKey, state.chainS);
  state.brace = brace;
  state.rootKey = rootKey;
  state.chainR = nextChainKey(walk.chainKey);
  wipe(walk.chainKey);
  state.chainS = undefined;
  state.pn = state.j;
  state.j = 0;
  state.k = m.messageId + 1;
  state.recvRatchetId = m.ratchetId;
  state.i = m.ratchetId + 1;
  state.maxRemoteISeen = m.ratchetId;
  state.rotateBeforeSending = true;
  addMacKeysToReveal(state, [v.mkMac]);
  return { ok: true, plaintext: v.plaintext, extraKey: v.extraKey };
}

export function openMessage(state: RatchetState, env: OtrEnv, m: ReceivedDataMessage): Opened {
  if (state.closed) return refuse('this ratchet has ended: its keys are gone');
  if (m.receiverTag !== state.ourTag || m.senderTag !== state.theirTag)
    return refuse('it is not between the instance tags of this conversation');
  const stored = state.skipped.size > 0 ? state.skipped.get(m.ecdh, m.messageId) : undefined;
  if (stored) return openWithStored(state, m, stored);
  if (state.maxRemoteISeen > m.ratchetId) return replay('a message of a past ratchet whose key is not stored');
  if (constantTimeEqual(m.ecdh, state.theirEcdhBytes)) return openInCurrentRatchet(state, m);
  return openNewRatchet(state, env, m);
}
