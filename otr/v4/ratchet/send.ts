/**
 * Sending ("When you send a Data Message"; "Rotating ECDH Keys and Brace Key as
 * sender"; "Revealing MAC Keys"): the first message after one of theirs starts a new
 * ratchet (a new ECDH key; a new 3072-bit DH key when the ratchet id is a multiple of
 * 3, the brace KDF otherwise); every message takes the next key of the sending chain.
 */
import { bigintToBytes } from '../../crypto/bigint';
import type { OtrEnv } from '../../crypto/env';
import { chacha20Message } from '../crypto/chacha';
import { generateDH, dhSharedSecret } from '../crypto/dh3072';
import { ecdh, encodePoint, generateECDH } from '../crypto/ed448';
import { type DataMessage, encodeDataMessage, encodeDataSections } from '../wire/data-message';
import { carriesTlv, TLV4_EXTRA_SYMMETRIC_KEY } from '../wire/tlv';
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
import { isDhRatchet, type RatchetState } from './state';

export interface Sealed {
  readonly message: DataMessage;
  /** The encoded message (before base64): what is sent. */
  readonly bytes: Uint8Array;
  /** The extra symmetric key of this message, derived only when its plaintext carries a type 7 TLV. */
  readonly extraKey: Uint8Array | undefined;
}

const EMPTY = new Uint8Array(0);
/** Ratchet and message ids are INTs. */
const MAX_INT = 0xffffffff;

/**
 * A new sending ratchet ("Rotating ECDH Keys and Brace Key as sender", then "Given a
 * new DH Ratchet"). Our previous sending chain and brace key are overwritten. `i` is
 * incremented after both kinds of brace step: the message carries the id tested
 * (see DECISIONS.md).
 */
export function startSendingRatchet(state: RatchetState, env: OtrEnv): void {
  if (state.i > MAX_INT) throw new RangeError('the ratchet id would overflow an INT');
  const id = state.i;
  state.j = 0;
  const ours = generateECDH(env.random);
  const kEcdh = ecdh(ours.secret, state.theirEcdh);
  state.ourEcdh = { secret: ours.secret, public: encodePoint(ours.public) };
  state.ecdhMadeAt = env.clock.now();
  let brace: Uint8Array;
  if (isDhRatchet(id)) {
    const dh = generateDH(env.random, env.math);
    const kDh = dhSharedSecret(dh.secret, state.theirDh, env.math);
    state.ourDh = { secret: dh.secret, public: bigintToBytes(dh.public) };
    brace = braceKeyFromDh(kDh);
    wipe(kDh);
  } else {
    brace = nextBraceKey(state.brace);
  }
  wipe(state.brace);
  state.brace = brace;
  const k = mixedSharedSecret(kEcdh, brace);
  const { rootKey, chainKey } = deriveRatchetKeys(state.rootKey, k);
  wipe(kEcdh, k, state.rootKey, state.chainS);
  state.rootKey = rootKey;
  state.chainS = chainKey;
  state.sendRatchetId = id;
  state.sendCarriesDh = isDhRatchet(id);
  state.i = id + 1;
  state.rotateBeforeSending = false;
}

/** The MAC keys waiting, concatenated, and the list emptied. */
function takeMacKeysToReveal(state: RatchetState, also: readonly Uint8Array[] = []): Uint8Array {
  const keys = [...state.macKeysToReveal, ...also];
  state.macKeysToReveal = [];
  if (keys.length === 0) return EMPTY;
  const out = new Uint8Array(keys.length * 64);
  keys.forEach((key, n) => out.set(key, n * 64));
  return out;
}

/**
 * One data message ("When sending a data message in the same DH Ratchet"), after a
 * new ratchet if one is due. MAC keys are revealed by the first message of each of our
 * ratchets; `revealAlso` (ending the session) reveals those and every other waiting.
 */
export function sealMessage(
  state: RatchetState,
  env: OtrEnv,
  plaintext: Uint8Array,
  flags: number,
  revealAlso?: readonly Uint8Array[],
): Sealed {
  if (state.closed) throw new Error('this ratchet has ended: its keys are gone');
  if (state.rotateBeforeSending) startSendingRatchet(state, env);
  const chain = state.chainS;
  if (!chain) throw new Error('no sending chain');
  if (state.j > MAX_INT) throw new RangeError('the message id would overflow an INT');
  const mkEnc = messageKey(chain);
  const mkMac = macKey(mkEnc);
  const extraKey = carriesTlv(plaintext, TLV4_EXTRA_SYMMETRIC_KEY) ? extraSymmetricKey(chain) : undefined;
  state.chainS = nextChainKey(chain);
  wipe(chain);
  const body = {
    senderTag: state.ourTag,
    receiverTag: state.theirTag,
    flags,
    previousChainLength: state.pn,
    ratchetId: state.sendRatchetId,
    messageId: state.j,
    ecdh: state.ourEcdh.public,
    dh: state.sendCarriesDh ? state.ourDh.public : EMPTY,
    encrypted: chacha20Message(mkEnc, plaintext),
  };
  wipe(mkEnc);
  const sections = encodeDataSections(body);
  const mac = authenticator(mkMac, sections);
  wipe(mkMac);
  const oldMacKeys = state.j === 0 || revealAlso ? takeMacKeysToReveal(state, revealAlso) : EMPTY;
  state.j += 1;
  // No spread: V8 builds spread objects slowly, and this runs for every message.
  const message: DataMessage = {
    senderTag: body.senderTag,
    receiverTag: body.receiverTag,
    flags,
    previousChainLength: body.previousChainLength,
    ratchetId: body.ratchetId,
    messageId: body.messageId,
    ecdh: body.ecdh,
    dh: body.dh,
    encrypted: body.encrypted,
    mac,
    oldMacKeys,
  };
  return { message, bytes: encodeDataMessage(sections, mac, oldMacKeys), extraKey };
}
