/**
 * The Client Profile as it travels ("Client Profile Data Type"): Number of Fields
 * (INT), then each field as a 2-byte type and its encoding, then the 114-byte EdDSA
 * signature. Decoding only parses: the checks, in the spec's order, are validate.ts's.
 *
 * A field has no length of its own, so a field of unknown type cannot be skipped and
 * makes the profile unreadable; a field twice is refused ("should not be duplicated"),
 * and so are more than the seven fields that makes possible.
 */
import { type DsaPublicKey, readPublicKey, signatureHalfBytes } from '../../crypto/dsa';
import { concatBytes } from '../../bytes';
import { sha256 } from '../../crypto/primitives';
import { WireError } from '../../wire/codec';
import { EDDSA_SIG_BYTES, PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING, V4Reader } from '../wire/codec';

export const FIELD_INSTANCE_TAG = 0x0001;
export const FIELD_ED448_PUBKEY = 0x0002;
export const FIELD_FORGING_KEY = 0x0003;
export const FIELD_VERSIONS = 0x0004;
export const FIELD_EXPIRATION = 0x0005;
export const FIELD_DSA_PUBKEY = 0x0006;
export const FIELD_TRANSITIONAL_SIGNATURE = 0x0007;
const MAX_FIELDS = 7;
/** CLIENT-SIG halves are as long as the DSA key's q: 20 bytes "in current implementations" when no key precedes it. */
const DEFAULT_DSA_HALF_BYTES = 20;

export interface ClientProfile {
  /** The Client Profile owner instance tag. */
  readonly instanceTag: number;
  /** H, the Ed448 long-term public key, as a POINT (checked by validation, not here). */
  readonly identityKey: Uint8Array;
  /** F, the Ed448 forging key, as a POINT. */
  readonly forgingKey: Uint8Array;
  /** The version string, e.g. "4" or "34" ("Establishing Versions"). */
  readonly versions: string;
  /** Seconds since the epoch (CLIENT-PROF-EXP, signed). */
  readonly expires: bigint;
  readonly dsaKey: DsaPublicKey | undefined;
  /** CLIENT-SIG, r || s. */
  readonly transitionalSignature: Uint8Array | undefined;
  /** CLIENT-EDDSA-SIG. */
  readonly signature: Uint8Array;
  /** The whole CLIENT-PROF as encoded: what goes on the wire and what the DAKE hashes, never re-encoded. */
  readonly bytes: Uint8Array;
  /** With a transitional signature: the fields it covers (0x0001-0x0006) as they appear. */
  readonly transitionallySigned: Uint8Array | undefined;
}

/** What the Client Profile Signature covers: the whole profile but the signature itself. */
export function signedPart(profile: ClientProfile): Uint8Array {
  return profile.bytes.subarray(0, profile.bytes.length - profile.signature.length);
}

/**
 * What the transitional signature signs: DSA as OTRv3 signs, over SHA-256 of the
 * fields it covers (OTRv3 signs 32-byte values; see DECISIONS.md).
 */
export function transitionalDigest(fields: Uint8Array): Uint8Array {
  return sha256(fields);
}

/** One character per byte; a loop, since spreading a long DATA into fromCharCode would overflow the stack. */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

interface Fields {
  instanceTag?: number;
  identityKey?: Uint8Array;
  forgingKey?: Uint8Array;
  versions?: string;
  expires?: bigint;
  dsaKey?: DsaPublicKey;
  transitionalSignature?: Uint8Array;
}

function readField(r: V4Reader, type: number, f: Fields): void {
  switch (type) {
    case FIELD_INSTANCE_TAG:
      f.instanceTag = r.int('the profile owner instance tag');
      return;
    case FIELD_ED448_PUBKEY:
      f.identityKey = r.typedKey(PUBKEY_TYPE_ED448, 'the Ed448 public key');
      return;
    case FIELD_FORGING_KEY:
      f.forgingKey = r.typedKey(PUBKEY_TYPE_FORGING, 'the Ed448 forging key');
      return;
    case FIELD_VERSIONS:
      f.versions = latin1(r.data('the versions'));
      return;
    case FIELD_EXPIRATION:
      f.expires = r.long('the profile expiration');
      return;
    case FIELD_DSA_PUBKEY:
      f.dsaKey = readPublicKey(r);
      return;
    case FIELD_TRANSITIONAL_SIGNATURE: {
      const half = f.dsaKey ? signatureHalfBytes(f.dsaKey) : DEFAULT_DSA_HALF_BYTES;
      f.transitionalSignature = r.raw(2 * half, 'the transitional signature');
      return;
    }
    default:
      throw new WireError(`unknown client profile field type ${type}`);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new WireError(`the client profile has no ${what}`);
  return value;
}

/** Reads a CLIENT-PROF at the reader's position (inside a DAKE message, say). */
export function readClientProfile(r: V4Reader): ClientProfile {
  const start = r.position;
  const count = r.int('the number of profile fields');
  if (count > MAX_FIELDS) throw new WireError(`a client profile has at most ${MAX_FIELDS} fields, not ${count}`);
  const f: Fields = {};
  const seen = new Set<number>();
  let sigField: [number, number] | undefined;
  for (let i = 0; i < count; i++) {
    const fieldStart = r.position - start;
    const type = r.short('a profile field type');
    if (seen.has(type)) throw new WireError(`client profile field ${type} appears twice`);
    seen.add(type);
    readField(r, type, f);
    if (type === FIELD_TRANSITIONAL_SIGNATURE) sigField = [fieldStart, r.position - start];
  }
  r.eddsaSignature('the client profile signature');
  const bytes = r.bytesSince(start).slice();
  const fieldsEnd = bytes.length - EDDSA_SIG_BYTES;
  return {
    instanceTag: required(f.instanceTag, 'owner instance tag'),
    identityKey: required(f.identityKey, 'Ed448 public key').slice(),
    forgingKey: required(f.forgingKey, 'forging key').slice(),
    versions: required(f.versions, 'versions'),
    expires: required(f.expires, 'expiration'),
    dsaKey: f.dsaKey,
    transitionalSignature: f.transitionalSignature?.slice(),
    signature: bytes.subarray(fieldsEnd),
    bytes,
    transitionallySigned:
      sigField && concatBytes(bytes.subarray(4, sigField[0]), bytes.subarray(sigField[1], fieldsEnd)),
  };
}

/** A CLIENT-PROF on its own: nothing may follow it. */
export function decodeClientProfile(bytes: Uint8Array): ClientProfile {
  const r = new V4Reader(bytes);
  const profile = readClientProfile(r);
  r.end('a client profile');
  return profile;
}
