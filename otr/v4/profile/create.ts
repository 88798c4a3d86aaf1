/**
 * Making our Client Profile ("Creating a Client Profile", "Create a Client Profile
 * Signature"): the fields in type order, the optional transitional signature by our
 * OTRv3 DSA key over fields 0x0001-0x0006, then the Ed448 signature by sym_h over the
 * whole profile before it (Number of Fields included). The result is decoded again,
 * so our profile is exactly what a peer reads.
 */
import {
  type DsaPrivateKey,
  dsaSign,
  encodePublicKey,
  encodeSignature,
  publicKeyOf,
  signatureHalfBytes,
} from '../../crypto/dsa';
import type { OtrEnv } from '../../crypto/env';
import { isValidInstanceTag } from '../../session/instance-tags';
import { PUBKEY_TYPE_ED448, PUBKEY_TYPE_FORGING, V4Writer } from '../wire/codec';
import {
  type ClientProfile,
  decodeClientProfile,
  FIELD_DSA_PUBKEY,
  FIELD_ED448_PUBKEY,
  FIELD_EXPIRATION,
  FIELD_FORGING_KEY,
  FIELD_INSTANCE_TAG,
  FIELD_TRANSITIONAL_SIGNATURE,
  FIELD_VERSIONS,
  transitionalDigest,
} from './client-profile';
import { expiryFrom, PROFILE_LIFETIME_SECONDS } from './expiry';
import { type Ed448KeyPair, eddsaSign } from './keys';

export interface ClientProfileOptions {
  readonly instanceTag: number;
  /** Our long-term key pair (H, sym_h). */
  readonly identity: Ed448KeyPair;
  /** F as a POINT: its secret may have been erased. */
  readonly forgingKey: Uint8Array;
  /** "4", or "34"/"43" in OTRv3-compatible mode. */
  readonly versions: string;
  readonly lifetimeSeconds?: number;
  /**
   * Our OTRv3 key, for the transitional signature (versions 3 and 4 only). Its public
   * key goes into the profile unless `publishKey` is false ("the user can decide to have
   * a Transitional signature without publish the OTRv3 public authentication DSA key").
   */
  readonly transitional?: { readonly key: DsaPrivateKey; readonly publishKey?: boolean };
}

/** "Establishing Versions": we offer 4, perhaps 3, never 1 or 2 (which make a version string invalid). */
function checkOptions(options: ClientProfileOptions): void {
  const { versions, transitional } = options;
  if (!isValidInstanceTag(options.instanceTag)) throw new RangeError('instance tags start at 0x100');
  if (!/^[34]+$/.test(versions) || !versions.includes('4')) throw new RangeError(`bad version string "${versions}"`);
  if (!transitional) return;
  if (!versions.includes('3')) throw new RangeError('a transitional signature is for versions 3 and 4');
  // Without the key in the profile, a reader takes CLIENT-SIG's halves to be 20 bytes.
  if (transitional.publishKey === false && signatureHalfBytes(transitional.key) !== 20) {
    throw new RangeError('an unpublished DSA key must have a 160-bit q');
  }
}

export function createClientProfile(
  options: ClientProfileOptions,
  env: Pick<OtrEnv, 'clock' | 'random' | 'math'>,
): ClientProfile {
  checkOptions(options);
  const { transitional } = options;
  const fields = new V4Writer()
    .short(FIELD_INSTANCE_TAG)
    .int(options.instanceTag)
    .short(FIELD_ED448_PUBKEY)
    .typedKey(PUBKEY_TYPE_ED448, options.identity.publicBytes)
    .short(FIELD_FORGING_KEY)
    .typedKey(PUBKEY_TYPE_FORGING, options.forgingKey)
    .short(FIELD_VERSIONS)
    .data(new TextEncoder().encode(options.versions))
    .short(FIELD_EXPIRATION)
    .long(expiryFrom(env.clock.now(), options.lifetimeSeconds ?? PROFILE_LIFETIME_SECONDS));
  let count = 5;
  if (transitional && transitional.publishKey !== false) {
    fields.short(FIELD_DSA_PUBKEY).raw(encodePublicKey(publicKeyOf(transitional.key)));
    count++;
  }
  const signedFields = fields.finish();
  const body = new V4Writer().int(transitional ? count + 1 : count).raw(signedFields);
  if (transitional) {
    const sig = dsaSign(transitional.key, transitionalDigest(signedFields), env.random, env.math);
    body.short(FIELD_TRANSITIONAL_SIGNATURE).raw(encodeSignature(sig, transitional.key));
  }
  const unsigned = body.finish();
  const bytes = new V4Writer().raw(unsigned).raw(eddsaSign(options.identity, unsigned)).finish();
  return decodeClientProfile(bytes);
}
