/**
 * The OTRv4 Data Message ("Data Message Format"): the header (type 0x03), flags,
 * previous chain message number, ratchet id, message id, the public ECDH key (POINT),
 * the public DH key (MPI, empty unless the ratchet brought a new one), the encrypted
 * message (DATA), the 64-byte authenticator over everything from the protocol version
 * to the end of the encrypted message, and the old MAC keys revealed (DATA).
 *
 * Decoding checks the structure only: the ECDH point and the DH value are kept as bytes
 * and checked by the ratchet where it uses them (a new ratchet). A message of the
 * current ratchet repeats keys already checked, and decoding a point with its subgroup
 * check costs more than the whole rest of a message (see DECISIONS.md).
 */
import { WireError } from '../../wire/codec';
import { POINT_BYTES } from '../crypto/ed448';
import { DH3072_BYTES } from '../crypto/dh3072';
import { MAC_BYTES, V4Reader, V4Writer } from './codec';
import { MSG_DATA, readHeader, writeHeader } from './header';

/** IGNORE_UNREADABLE, the only flag defined. */
export const FLAG_IGNORE_UNREADABLE = 0x01;

export interface DataMessage {
  readonly senderTag: number;
  readonly receiverTag: number;
  readonly flags: number;
  /** pn: how many messages the sender sent in its previous ratchet. */
  readonly previousChainLength: number;
  /** i: the ratchet this message belongs to. */
  readonly ratchetId: number;
  /** j: the message's number in its ratchet. */
  readonly messageId: number;
  /** The sender's our_ecdh.public as a POINT (57 bytes), not yet checked. */
  readonly ecdh: Uint8Array;
  /** The sender's our_dh.public, minimal big-endian; empty when the message carries none. */
  readonly dh: Uint8Array;
  readonly encrypted: Uint8Array;
  /** The Authenticator: 64 bytes. */
  readonly mac: Uint8Array;
  /** MAC keys revealed: 64-byte keys, concatenated. */
  readonly oldMacKeys: Uint8Array;
}

/** A decoded message, with the bytes its MAC covers exactly as they arrived. */
export interface ReceivedDataMessage extends DataMessage {
  readonly authenticated: Uint8Array;
}

export type DataMessageBody = Omit<DataMessage, 'mac' | 'oldMacKeys'>;

/** What the Authenticator covers: the message from the protocol version to the end of the encrypted message. */
export function encodeDataSections(m: DataMessageBody): Uint8Array {
  if (m.ecdh.length !== POINT_BYTES) throw new RangeError(`a POINT is ${POINT_BYTES} bytes`);
  if (m.dh.length > DH3072_BYTES || m.dh[0] === 0) throw new RangeError('the DH key must be a minimal MPI');
  const w = writeHeader(new V4Writer(), { type: MSG_DATA, senderTag: m.senderTag, receiverTag: m.receiverTag });
  return w
    .byte(m.flags)
    .int(m.previousChainLength)
    .int(m.ratchetId)
    .int(m.messageId)
    .raw(m.ecdh)
    .data(m.dh)
    .data(m.encrypted)
    .finish();
}

/** The whole message: its sections (as encodeDataSections made them), the MAC, the old MAC keys. */
export function encodeDataMessage(sections: Uint8Array, mac: Uint8Array, oldMacKeys: Uint8Array): Uint8Array {
  if (mac.length !== MAC_BYTES) throw new RangeError(`the Authenticator is ${MAC_BYTES} bytes`);
  if (oldMacKeys.length % MAC_BYTES !== 0) throw new RangeError('old MAC keys are 64 bytes each');
  const out = new Uint8Array(sections.length + MAC_BYTES + 4 + oldMacKeys.length);
  out.set(sections, 0);
  out.set(mac, sections.length);
  new DataView(out.buffer).setUint32(sections.length + MAC_BYTES, oldMacKeys.length);
  out.set(oldMacKeys, sections.length + MAC_BYTES + 4);
  return out;
}

/**
 * Decodes a Data Message; throws only WireError. The fields are views of `bytes`, not
 * copies: the caller must not change `bytes` while it uses them.
 */
export function decodeDataMessage(bytes: Uint8Array): ReceivedDataMessage {
  const r = new V4Reader(bytes);
  const header = readHeader(r);
  if (header.type !== MSG_DATA) throw new WireError(`message type ${header.type}, not a Data Message`);
  // A data message always goes to one instance; 0 could never match ours.
  if (header.receiverTag === 0) throw new WireError("a Data Message must name its receiver's instance tag");
  const flags = r.byte('the flags');
  const previousChainLength = r.int('the previous chain message number');
  const ratchetId = r.int('the ratchet id');
  const messageId = r.int('the message id');
  const ecdh = r.raw(POINT_BYTES, 'the public ECDH key');
  const dh = r.data('the public DH key');
  // The checks of V4Reader.dhMpi, on the bytes: the value stays undecoded until a new ratchet needs it.
  if (dh.length > DH3072_BYTES) throw new WireError('the public DH key is too long');
  if (dh.length > 0 && dh[0] === 0) throw new WireError('the public DH key is not a minimal MPI');
  const encrypted = r.data('the encrypted message');
  const authenticated = bytes.subarray(0, r.position);
  const mac = r.mac('the Authenticator');
  const oldMacKeys = r.data('the old MAC keys');
  if (oldMacKeys.length % MAC_BYTES !== 0) throw new WireError('old MAC keys are not a whole number of 64-byte keys');
  r.end('a Data Message');
  return {
    senderTag: header.senderTag,
    receiverTag: header.receiverTag,
    flags,
    previousChainLength,
    ratchetId,
    messageId,
    ecdh,
    dh,
    encrypted,
    mac,
    oldMacKeys,
    authenticated,
  };
}
