/**
 * The binary OTR messages of versions 2 and 3 (Protocol-v3, "Encoded messages"):
 * D-H Commit, D-H Key, Reveal Signature, Signature and Data, each behind a header
 * of protocol version, message type and (version 3 only) the sender's and
 * receiver's instance tags.
 */
import { Reader, WireError, Writer } from './codec';

export type ProtocolVersion = 2 | 3;

export const MSG_DH_COMMIT = 0x02;
export const MSG_DATA = 0x03;
export const MSG_DH_KEY = 0x0a;
export const MSG_REVEAL_SIGNATURE = 0x11;
export const MSG_SIGNATURE = 0x12;

export const FLAG_IGNORE_UNREADABLE = 0x01;
export const MAC_BYTES = 20;
export const CTR_BYTES = 8;

export interface Header {
  version: ProtocolVersion;
  /** Instance tags are 0 in version 2, which has none. */
  senderTag: number;
  receiverTag: number;
}

export interface DhCommit extends Header {
  type: 'dh-commit';
  encryptedGx: Uint8Array;
  hashedGx: Uint8Array;
}

export interface DhKey extends Header {
  type: 'dh-key';
  gy: bigint;
}

export interface RevealSignature extends Header {
  type: 'reveal-signature';
  revealedKey: Uint8Array;
  encryptedSignature: Uint8Array;
  mac: Uint8Array;
}

export interface Signature extends Header {
  type: 'signature';
  encryptedSignature: Uint8Array;
  mac: Uint8Array;
}

export interface DataMessage extends Header {
  type: 'data';
  flags: number;
  senderKeyId: number;
  recipientKeyId: number;
  /**
   * The sender's next D-H public key as the MPI's value bytes, kept as bytes: most
   * messages repeat the previous one, so it is compared and converted only when
   * the keys rotate.
   */
  nextDh: Uint8Array;
  ctrTop: Uint8Array;
  encrypted: Uint8Array;
  mac: Uint8Array;
  oldMacKeys: Uint8Array;
}

export type BinaryMessage = DhCommit | DhKey | RevealSignature | Signature | DataMessage;

function writeHeader(w: Writer, h: Header, type: number): Writer {
  w.short(h.version).byte(type);
  if (h.version === 3) w.int(h.senderTag).int(h.receiverTag);
  return w;
}

/** The part of a data message its MAC covers: from the version to the end of the ciphertext. */
export function encodeDataAuthenticated(m: Omit<DataMessage, 'mac' | 'oldMacKeys' | 'type'>): Uint8Array {
  return writeHeader(new Writer(), m, MSG_DATA)
    .byte(m.flags)
    .int(m.senderKeyId)
    .int(m.recipientKeyId)
    .data(m.nextDh)
    .raw(m.ctrTop)
    .data(m.encrypted)
    .finish();
}

export function encodeMessage(m: BinaryMessage): Uint8Array {
  switch (m.type) {
    case 'dh-commit':
      return writeHeader(new Writer(), m, MSG_DH_COMMIT).data(m.encryptedGx).data(m.hashedGx).finish();
    case 'dh-key':
      return writeHeader(new Writer(), m, MSG_DH_KEY).mpi(m.gy).finish();
    case 'reveal-signature':
      return writeHeader(new Writer(), m, MSG_REVEAL_SIGNATURE)
        .data(m.revealedKey)
        .data(m.encryptedSignature)
        .raw(m.mac)
        .finish();
    case 'signature':
      return writeHeader(new Writer(), m, MSG_SIGNATURE).data(m.encryptedSignature).raw(m.mac).finish();
    case 'data':
      return new Writer().raw(encodeDataAuthenticated(m)).raw(m.mac).data(m.oldMacKeys).finish();
  }
}

/** Parsed message plus, for data messages, the exact bytes the MAC covers. */
export type DecodedMessage = BinaryMessage & { authenticated?: Uint8Array };

export function decodeMessage(bytes: Uint8Array): DecodedMessage {
  const r = new Reader(bytes);
  const version = r.short('the protocol version');
  if (version !== 2 && version !== 3) throw new WireError(`unsupported protocol version ${version}`);
  const type = r.byte('the message type');
  const senderTag = version === 3 ? r.int('the sender instance tag') : 0;
  const receiverTag = version === 3 ? r.int('the receiver instance tag') : 0;
  // No spread of a shared header object: spreading it and then adding fields made
  // decoding a data message several times slower (V8 builds such objects slowly).
  let m: DecodedMessage;
  switch (type) {
    case MSG_DH_COMMIT:
      m = {
        version,
        senderTag,
        receiverTag,
        type: 'dh-commit',
        encryptedGx: r.data('the encrypted g^x'),
        hashedGx: r.data('the hashed g^x'),
      };
      break;
    case MSG_DH_KEY:
      m = { version, senderTag, receiverTag, type: 'dh-key', gy: r.mpi('g^y') };
      break;
    case MSG_REVEAL_SIGNATURE:
      m = {
        version,
        senderTag,
        receiverTag,
        type: 'reveal-signature',
        revealedKey: r.data('the revealed key'),
        encryptedSignature: r.data('the encrypted signature'),
        mac: r.raw(MAC_BYTES, 'the signature MAC'),
      };
      break;
    case MSG_SIGNATURE:
      m = {
        version,
        senderTag,
        receiverTag,
        type: 'signature',
        encryptedSignature: r.data('the encrypted signature'),
        mac: r.raw(MAC_BYTES, 'the signature MAC'),
      };
      break;
    case MSG_DATA: {
      const flags = r.byte('the flags');
      const senderKeyId = r.int('the sender key id');
      const recipientKeyId = r.int('the recipient key id');
      const nextDh = r.data('the next DH key');
      const ctrTop = r.raw(CTR_BYTES, 'the counter');
      const encrypted = r.data('the encrypted message');
      const authenticated = bytes.subarray(0, r.position);
      const mac = r.raw(MAC_BYTES, 'the MAC');
      const oldMacKeys = r.data('the revealed MAC keys');
      m = {
        version,
        senderTag,
        receiverTag,
        type: 'data',
        flags,
        senderKeyId,
        recipientKeyId,
        nextDh,
        ctrTop,
        encrypted,
        mac,
        oldMacKeys,
        authenticated,
      };
      break;
    }
    default:
      throw new WireError(`unknown message type 0x${type.toString(16)}`);
  }
  r.end(m.type);
  return m;
}
