/**
 * An account's OTRv4 keys, kept beside its DSA key in the private key file (so
 * under the same protection at rest): the long-term Ed448 identity key, the
 * forging key's public half, and the latest Client Profile made with them.
 * Encoded and strictly decoded here; store-files.ts places them in the file.
 */
import { ed448 } from '@noble/curves/ed448.js';
import {
  decodeClientProfile,
  ed448KeyPairFromSymKey,
  fingerprintV4,
  generateEd448KeyPair,
  type Ed448KeyPair,
  type Random,
} from '../../otr';

export interface StoredV4Keys {
  /** H and its sym_key; the secrets are not enumerable (see concealEd448). */
  readonly identity: Ed448KeyPair;
  /** F as a POINT (57 bytes). Its secret was never kept: see newV4Keys. */
  readonly forgingKey: Uint8Array;
  /** ISO 8601. */
  readonly created: string;
  /** The latest Client Profile made with these keys, as encoded: reused while it is valid. */
  readonly profile?: Uint8Array;
}

/** The same key pair with sym_key and the scalar hidden from logging, spreading and JSON, as concealSecret does for DSA. */
export function concealEd448(pair: Ed448KeyPair): Ed448KeyPair {
  const out = { public: pair.public, publicBytes: pair.publicBytes } as Ed448KeyPair;
  Object.defineProperties(out, {
    symKey: { value: pair.symKey, enumerable: false },
    secret: { value: pair.secret, enumerable: false },
  });
  return Object.freeze(out);
}

export function newV4Keys(random: Random, created: string): StoredV4Keys {
  const identity = concealEd448(generateEd448KeyPair(random));
  // Only the forging key's public half is kept. The spec lets its secret be erased
  // ("Forging keys"): deniability needs only that a forger could have it, and no
  // part of the protocol we run signs with it. Keeping it would be a second
  // long-term secret to protect, for nothing.
  const forgingKey = generateEd448KeyPair(random).publicBytes;
  return { identity, forgingKey, created };
}

/** The account's OTRv4 fingerprint: 112 lower-case hex digits. */
export const v4FingerprintHex = (keys: StoredV4Keys): string =>
  Buffer.from(fingerprintV4(keys.identity.publicBytes, keys.forgingKey)).toString('hex');

export function encodeV4Keys(keys: StoredV4Keys): Record<string, string> {
  return {
    identitySymKey: hex(keys.identity.symKey),
    forgingKey: hex(keys.forgingKey),
    created: keys.created,
    ...(keys.profile ? { clientProfile: hex(keys.profile) } : {}),
  };
}

const FIELDS = new Set(['identitySymKey', 'forgingKey', 'created', 'clientProfile']);
const POINT_HEX = /^[0-9a-f]{114}$/;
/** Far above any profile ours can be (a 4096-bit DSA key makes it about 2 kB). */
const PROFILE_HEX = /^(?:[0-9a-f]{2}){1,16384}$/;

/**
 * Decodes the `v4` object of a key entry; throws a RangeError whose message names
 * the field, never its contents. Sotto wrote it, so anything unexpected is damage.
 */
export function decodeV4Keys(v: unknown): StoredV4Keys {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RangeError('is not an object');
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !FIELDS.has(k));
  if (extra !== undefined) throw new RangeError(`has an unknown field "${extra.slice(0, 40)}"`);
  const { identitySymKey, forgingKey, created, clientProfile } = o;
  if (typeof identitySymKey !== 'string' || !POINT_HEX.test(identitySymKey))
    throw new RangeError('identitySymKey is not 114 lower-case hex digits');
  if (typeof forgingKey !== 'string' || !POINT_HEX.test(forgingKey))
    throw new RangeError('forgingKey is not 114 lower-case hex digits');
  if (typeof created !== 'string' || Number.isNaN(Date.parse(created))) throw new RangeError('created is not a date');
  const forging = bytes(forgingKey);
  if (!isEd448Point(forging)) throw new RangeError('forgingKey is not a point of the Ed448 group');
  const identity = concealEd448(ed448KeyPairFromSymKey(bytes(identitySymKey)));
  if (clientProfile === undefined) return { identity, forgingKey: forging, created };
  if (typeof clientProfile !== 'string' || !PROFILE_HEX.test(clientProfile))
    throw new RangeError('clientProfile is not hex');
  const profile = bytes(clientProfile);
  let decoded;
  try {
    decoded = decodeClientProfile(profile);
  } catch {
    throw new RangeError('clientProfile is not a Client Profile');
  }
  if (!equal(decoded.identityKey, identity.publicBytes) || !equal(decoded.forgingKey, forging))
    throw new RangeError('clientProfile is not made with these keys');
  return { identity, forgingKey: forging, created, profile };
}

/**
 * A valid, non-neutral point of the prime-order subgroup, as the spec asks of a
 * forging key. The OTR library's own point check is not on its front door, and
 * the check is noble's in both places.
 */
function isEd448Point(point: Uint8Array): boolean {
  try {
    const p = ed448.Point.fromBytes(point);
    return !p.is0() && p.isTorsionFree();
  } catch {
    return false;
  }
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
