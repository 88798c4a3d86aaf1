/**
 * The OTR library's front door: what code outside otr/ may use. Everything else
 * in otr/ is internal and may change; lint refuses imports from its subfolders.
 * otr/README.md says which file does what, and which spec section it implements.
 */
export { createConversation } from './session/conversation';
export type {
  ConversationOptions,
  OtrConversation,
  Outcome,
  Outgoing,
  Received,
  SendOutcome,
  SendDecision,
  TrustView,
  V4Identity,
} from './session/conversation-types';
export type { MessageState, OtrEvent } from './session/events';
export type { ConversationStatus, InstanceStatus } from './session/status';
export { policyForLevel, type OtrPolicy, type PolicyLevel } from './session/policy';
export { generateInstanceTag, isValidInstanceTag, MIN_INSTANCE_TAG } from './session/instance-tags';
export { FragmentBudget } from './wire/fragments';
export { WHITESPACE_TAG_BASE } from './wire/text-messages';
export {
  fingerprint,
  formatFingerprint,
  isPlausiblePublicKey,
  type DsaPrivateKey,
  type DsaPublicKey,
} from './crypto/dsa';
export type { Clock, ModPow, OtrEnv, Random } from './crypto/env';
export { nobleSymmetric, type Symmetric } from './crypto/primitives';
export { bigintModPow, bigintToBytes, bytesToBigint } from './crypto/bigint';
export { DH_PRIME } from './crypto/dh-group';
export { toHex } from './bytes';
export { generateEd448KeyPair, ed448KeyPairFromSymKey, type Ed448KeyPair } from './v4/profile/keys';
export { createClientProfile, type ClientProfileOptions } from './v4/profile/create';
export { decodeClientProfile, type ClientProfile } from './v4/profile/client-profile';
export { isExpired, needsRenewal } from './v4/profile/expiry';
export { fingerprintV4, formatFingerprintV4, FINGERPRINT_V4_BYTES } from './v4/fingerprint';
