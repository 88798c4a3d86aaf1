/**
 * The header every OTRv4 encoded message opens with ("Encoded Messages",
 * "Identity Message", "Data Message Format"): protocol version (SHORT, 4),
 * message type (BYTE), sender instance tag (INT), receiver instance tag (INT).
 */
import { WireError } from '../../wire/codec';
import { type V4Reader, type V4Writer } from './codec';

export const PROTOCOL_VERSION_4 = 0x0004;

/** Message types of the interactive DAKE and the data phase. */
export const MSG_IDENTITY = 0x35;
export const MSG_AUTH_R = 0x36;
export const MSG_AUTH_I = 0x37;
export const MSG_DATA = 0x03;

export interface V4Header {
  type: number;
  senderTag: number;
  /** 0 only where the spec allows it (an Identity message to no particular instance). */
  receiverTag: number;
}

export function writeHeader(w: V4Writer, h: V4Header): V4Writer {
  return w.short(PROTOCOL_VERSION_4).byte(h.type).int(h.senderTag).int(h.receiverTag);
}

/** Reads the header; refuses another protocol version or an invalid sender tag. */
export function readHeader(r: V4Reader): V4Header {
  const version = r.short('the protocol version');
  if (version !== PROTOCOL_VERSION_4) throw new WireError(`protocol version ${version}, not 4`);
  const type = r.byte('the message type');
  return { type, senderTag: r.senderTag(), receiverTag: r.receiverTag() };
}
