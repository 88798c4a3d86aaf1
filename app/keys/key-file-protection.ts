/**
 * How the private key file is protected at rest.
 *
 * With an OS key store (Electron): encrypted with the data key (data-key.ts,
 * sealed-key-file.ts). A plaintext file found there is read and marked to be
 * saved again encrypted: that is the migration of an older profile.
 *
 * Without one (headless, browser mode): the plaintext document, mode 0600, as
 * before, and a warning. An encrypted file is refused there, not overwritten:
 * this mode cannot open it, but the desktop app still can.
 */
import { join } from 'node:path';
import type { Logger } from '../log';
import { DATA_KEY_FILE, newDataKey, readDataKey, setDataKeyAside } from './data-key';
import type { OsKeyStore } from './os-key-store';
import { isSealedKeyFile, openKeyFile, sealedKeyId, sealKeyFile } from './sealed-key-file';
import { StoreDecodeError } from './store-files';

export const PROFILE_KEYS_WARNING =
  'OTR private keys are stored unencrypted in the profile folder (otr-private-keys.json, readable only by you) because no OS key store is available in this mode.';

export interface KeyFileProtection {
  readonly kind: 'os-keystore' | 'profile-file';
  /** The file's text as the plain document; `rewrite` when it should be saved again in the protected form. Throws StoreDecodeError. */
  fromDisk(text: string): Promise<{ text: string; rewrite: boolean }>;
  /** What is written for the plain document. */
  toDisk(plain: string): Promise<string>;
}

export const plaintextProtection: KeyFileProtection = {
  kind: 'profile-file',
  async fromDisk(text) {
    if (isSealedKeyFile(text)) {
      throw new StoreDecodeError(
        'it is encrypted with a key held by the OS key store, which this mode (headless or browser) cannot reach; open this profile with the desktop app',
        'cannot-decrypt',
      );
    }
    return { text, rewrite: false };
  },
  toDisk: (plain) => Promise.resolve(plain),
};

export interface OsKeyStoreProtectionOptions {
  write: (path: string, data: string) => Promise<void>;
  now: () => Date;
  logger?: Logger | undefined;
}

export function osKeyStoreProtection(
  dir: string,
  os: OsKeyStore,
  options: OsKeyStoreProtectionOptions,
): KeyFileProtection {
  /**
   * Read at every save rather than remembered, so the file is always encrypted with
   * the data key on disk. A save happens only while the key part is loaded, so memory
   * holds all the file had: a data key that cannot be opened any more is kept aside
   * and replaced, and the keys are saved again under the new one.
   */
  const usableDataKey = async (): Promise<Buffer> => {
    const read = await readDataKey(dir, os);
    if (read.ok) return read.key;
    // The OS key store must work before anything is moved.
    const fresh = await newDataKey(os);
    if (read.exists) {
      const aside = await setDataKeyAside(dir, options.now());
      options.logger?.log('warn', `${read.reason}; it was set aside as ${aside} and a new data key made`);
    }
    await options.write(join(dir, DATA_KEY_FILE), fresh.file);
    return fresh.key;
  };

  return {
    kind: 'os-keystore',
    async fromDisk(text) {
      if (!isSealedKeyFile(text)) return { text, rewrite: true };
      sealedKeyId(text); // a damaged header is damage, whatever the data key
      const read = await readDataKey(dir, os);
      if (!read.ok) throw new StoreDecodeError(read.reason, 'cannot-decrypt');
      return { text: openKeyFile(text, read.key, DATA_KEY_FILE), rewrite: false };
    },
    toDisk: async (plain) => sealKeyFile(plain, await usableDataKey()),
  };
}
