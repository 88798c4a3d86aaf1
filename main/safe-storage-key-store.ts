/**
 * The OS key store the core encrypts the OTR private key file with (it keeps
 * the file's data key, app/keys/data-key.ts): Electron's safeStorage, through
 * its asynchronous API (the synchronous one is deprecated). None where the OS
 * offers no real key store: the core then keeps the keys in a 0600 file and warns.
 */
import { safeStorage } from 'electron';
import type { OsKeyStore } from '../app/keys';

/** Call once the app is ready: before that, safeStorage cannot tell which key store it has. */
export async function safeStorageKeyStore(): Promise<OsKeyStore | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  // Without a secret service, Linux falls back to a password built into Chromium ('basic_text'): that would protect nothing.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    encrypt: (secret) => safeStorage.encryptStringAsync(secret),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result,
  };
}
