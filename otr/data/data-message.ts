/**
 * Sealing and opening data messages (Protocol-v3, "Data Message" and "When you
 * receive a Data Message"): AES-128-CTR under the pairing's key with the
 * counter's top half, HMAC-SHA1 over everything up to the ciphertext, revealed
 * old MAC keys appended. Opening checks, in this order: the key ids, the next
 * D-H value, the MAC (constant time), the counter (strictly increasing per
 * pairing); only then does it decrypt and rotate keys.
 */
import { constantTimeEqual } from '../bytes';
import { bigintToFixedBytes, bytesToBigint } from '../crypto/bigint';
import { isValidGroupElementBytes } from '../crypto/dh-group';
import type { Symmetric } from '../crypto/primitives';
import { Writer } from '../wire/codec';
import { CTR_BYTES, encodeDataAuthenticated, type DataMessage, type Header } from '../wire/messages';
import type { KeyRing, SessionKeys } from './key-ring';

export interface Sealed {
  /** The encoded message, built once: its authenticated part is what the MAC covered. */
  bytes: Uint8Array;
  /** The pairing's keys, for the extra symmetric key of a TLV 8. */
  keys: SessionKeys;
}

export function sealDataMessage(
  ring: KeyRing,
  header: Header,
  plaintext: Uint8Array,
  flags: number,
  symmetric: Symmetric,
): Sealed {
  const send = ring.nextSend();
  const ctrTop = bigintToFixedBytes(send.counter, CTR_BYTES);
  // Fields written out, not spread from `header`: the spread made sealing several times slower.
  const authenticated = encodeDataAuthenticated({
    version: header.version,
    senderTag: header.senderTag,
    receiverTag: header.receiverTag,
    flags,
    senderKeyId: send.senderKeyId,
    recipientKeyId: send.recipientKeyId,
    nextDh: send.nextDh,
    ctrTop,
    encrypted: symmetric.aesCtr(send.keys.sendAes, ctrTop, plaintext),
  });
  const mac = symmetric.hmacSha1(send.keys.sendMac, authenticated);
  const bytes = new Writer().raw(authenticated).raw(mac).data(send.oldMacKeys).finish();
  return { bytes, keys: send.keys };
}

/** `replay`: the MAC verified, so it is a message this session already accepted (a network duplicate). */
export type Opened =
  { ok: true; plaintext: Uint8Array; keys: SessionKeys } | { ok: false; reason: string; replay?: true };

export function openDataMessage(
  ring: KeyRing,
  m: DataMessage,
  authenticated: Uint8Array,
  symmetric: Symmetric,
): Opened {
  const keys = ring.receiveKeys(m.senderKeyId, m.recipientKeyId);
  if (typeof keys === 'string') return { ok: false, reason: keys };
  if (!isValidGroupElementBytes(m.nextDh)) return { ok: false, reason: 'its next D-H key is out of range' };
  if (!constantTimeEqual(symmetric.hmacSha1(keys.recvMac, authenticated), m.mac))
    return { ok: false, reason: 'its MAC does not verify' };
  const counter = bytesToBigint(m.ctrTop);
  if (counter <= keys.recvCounter)
    return { ok: false, reason: 'its counter did not increase (a replay?)', replay: true };
  keys.recvCounter = counter;
  keys.recvMacUsed = true;
  const plaintext = symmetric.aesCtr(keys.recvAes, m.ctrTop, m.encrypted);
  ring.acceptReceived(m.senderKeyId, m.recipientKeyId, m.nextDh);
  return { ok: true, plaintext, keys };
}
