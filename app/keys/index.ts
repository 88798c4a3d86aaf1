/** app/keys: the OTR identity and trust store of a profile, and libotr's files in and out. */
export {
  accountFromId,
  accountFromLibotr,
  accountKey,
  buddyKey,
  LIBOTR_PROTOCOL_IDS,
  type AccountRef,
} from './account-refs';
export {
  ClientProfileKeeper,
  PROFILE_LIFETIME_SECONDS,
  PROFILE_VERSIONS,
  type ClientProfileKeeperOptions,
} from './client-profile-keeper';
export { KeyStoreFileError, LibotrFormatError, type StoreFileProblem } from './errors';
export { PROFILE_KEYS_WARNING } from './key-file-protection';
export {
  KeyGenerator,
  type BatchPosition,
  type KeyGenerationEvent,
  type KeyGenerationResult,
  type KeyGeneratorOptions,
} from './key-generation';
export {
  fingerprintHex,
  KeyStore,
  type FingerprintMergeOutcome,
  type KeyAddOutcome,
  type KeyStoreOptions,
  type OwnKeyInfo,
} from './key-store';
export { exportToLibotr, type LibotrExportOptions, type LibotrExportReport } from './libotr-export';
export { formatLibotrFingerprints, parseLibotrFingerprints, type LibotrFingerprint } from './libotr-fingerprints';
export {
  importFromLibotr,
  type LibotrImportOptions,
  type LibotrImportReport,
  type SkippedImport,
} from './libotr-import';
export { formatLibotrInstanceTags, parseLibotrInstanceTags, type LibotrInstanceTag } from './libotr-instance-tags';
export { formatLibotrPrivateKeys, parseLibotrPrivateKeys, type LibotrPrivateKey } from './libotr-private-key';
export type { OsKeyStore } from './os-key-store';
export { STORE_FILES, type KnownFingerprint, type StoredInstanceTag, type StorePart } from './store-files';
export { fingerprintVersion, normalizeFingerprint, type FingerprintStatus, type Trust } from './trust';
export { v4FingerprintHex, type StoredV4Keys } from './v4-keys';
