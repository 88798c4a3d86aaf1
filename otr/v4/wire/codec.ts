/**
 * OTRv4's data types ("Data Types", "Encoding and Decoding"): BYTE, SHORT, INT, DATA
 * and MPI as in OTRv3 (otr/wire/codec.ts, extended here, not copied), plus the 8-byte
 * signed expiry, POINT, SCALAR, the 64-byte MAC, the 114-byte EdDSA signature, the
 * typed Ed448 keys, RING-SIG and instance tags. The reader keeps the v3 reader's
 * promise: it never reads past its input and throws only WireError.
 *
 * The spec's NONCE type never travels (the nonce is always 0), so it has no codec.
 */
import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { bytesToBigint } from '../../crypto/bigint';
import { isValidInstanceTag } from '../../session/instance-tags';
import { Reader, WireError, Writer } from '../../wire/codec';
import { type CurvePoint, decodePoint, decodeScalar, encodeScalar, POINT_BYTES, SCALAR_BYTES } from '../crypto/ed448';
import { DH3072_BYTES } from '../crypto/dh3072';
import { decodeRingSignature, encodeRingSignature, RING_SIG_BYTES, type RingSignature } from '../crypto/rsig';

export const MAC_BYTES = 64;
/** CLIENT-EDDSA-SIG and PREKEY-EDDSA-SIG: R and S of RFC 8032, 57 bytes each. */
export const EDDSA_SIG_BYTES = 114;
/** Key types of ED448-PUBKEY, ED448-SHARED-PREKEY and ED448-FORGING-KEY, written big-endian (see DECISIONS.md). */
export const PUBKEY_TYPE_ED448 = 0x0010;
export const PUBKEY_TYPE_SHARED_PREKEY = 0x0011;
export const PUBKEY_TYPE_FORGING = 0x0012;

/** Runs a decoder from crypto/, whose refusals become WireErrors. */
function decoding<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    throw new WireError(`${what}: ${e instanceof Error ? e.message : 'malformed'}`);
  }
}

const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;

export class V4Writer extends Writer {
  /** An 8-byte signed value, big-endian (CLIENT-PROF-EXP, PREKEY-PROF-EXP). */
  long(v: bigint): this {
    if (v < LONG_MIN || v > LONG_MAX) throw new RangeError('a LONG holds a signed 64-bit value');
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, v);
    return this.raw(out);
  }

  point(p: EdwardsPoint): this {
    return this.raw(p.toBytes());
  }

  scalar(s: bigint): this {
    return this.raw(encodeScalar(s));
  }

  /** A 2-byte key type, then the key as a POINT (already encoded). */
  typedKey(type: number, point: Uint8Array): this {
    if (point.length !== POINT_BYTES) throw new RangeError(`a POINT is ${POINT_BYTES} bytes`);
    return this.short(type).raw(point);
  }

  ringSignature(sigma: RingSignature): this {
    return this.raw(encodeRingSignature(sigma));
  }
}

export class V4Reader extends Reader {
  // The v3 reader keeps its buffer private; this one keeps its own reference for bytesSince().
  constructor(private readonly input: Uint8Array) {
    super(input);
  }

  /** The bytes read since `start` (a past `position`), without copying: e.g. a profile as it came. */
  bytesSince(start: number): Uint8Array {
    return this.input.subarray(start, this.position);
  }

  long(what = 'a long'): bigint {
    const b = this.raw(8, what);
    return new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0);
  }

  /** A POINT with every check of "Verifying that a point is on the curve". */
  point(what = 'a point'): CurvePoint {
    const bytes = this.raw(POINT_BYTES, what);
    return decoding(what, () => decodePoint(bytes));
  }

  /** A SCALAR; values >= q are refused (see ed448.ts decodeScalar). */
  scalar(what = 'a scalar'): bigint {
    const bytes = this.raw(SCALAR_BYTES, what);
    return decoding(what, () => decodeScalar(bytes));
  }

  mac(what = 'a MAC'): Uint8Array {
    return this.raw(MAC_BYTES, what);
  }

  eddsaSignature(what = 'an EdDSA signature'): Uint8Array {
    return this.raw(EDDSA_SIG_BYTES, what);
  }

  /** A typed key's POINT bytes, after checking its type; the point itself is checked by its user. */
  typedKey(type: number, what: string): Uint8Array {
    const found = this.short(`${what} type`);
    if (found !== type) throw new WireError(`${what} has type ${found}, not ${type}`);
    return this.raw(POINT_BYTES, what);
  }

  /**
   * An MPI of the 3072-bit group: at most 384 bytes, refused by its length before it
   * becomes a number, and minimal ("MPIs must use the minimum-length encoding"). Zero
   * is the empty MPI (a data message without a new DH key); the group check is the caller's.
   */
  dhMpi(what = 'a DH value'): bigint {
    const bytes = this.data(what);
    if (bytes.length > DH3072_BYTES) throw new WireError(`${what} is too long`);
    if (bytes.length > 0 && bytes[0] === 0) throw new WireError(`${what} is not a minimal MPI`);
    return bytesToBigint(bytes);
  }

  ringSignature(what = 'a ring signature'): RingSignature {
    const bytes = this.raw(RING_SIG_BYTES, what);
    return decoding(what, () => decodeRingSignature(bytes));
  }

  /** A sender's instance tag ("Instance Tags"): at least 0x100. */
  senderTag(what = "the sender's instance tag"): number {
    const tag = this.int(what);
    if (!isValidInstanceTag(tag)) throw new WireError(`${what} ${tag} is below 0x100`);
    return tag;
  }

  /** A receiver's instance tag: 0 (not known yet) or at least 0x100. */
  receiverTag(what = "the receiver's instance tag"): number {
    const tag = this.int(what);
    if (tag !== 0 && !isValidInstanceTag(tag)) throw new WireError(`${what} ${tag} is below 0x100`);
    return tag;
  }
}
