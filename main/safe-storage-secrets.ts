/**
 * Account passwords under Electron: encrypted with the OS key store through
 * safeStorage (Keychain, DPAPI, libsecret/kwallet) and kept, encrypted, in the
 * profile's secrets file. Where the OS offers no key store, the core's plain
 * profile file (0600, with its warning) is used instead.
 */
import { safeStorage } from 'electron';
import type { SecretStore } from '../app/accounts/secret-store';
import { profileFileSecretStore } from '../app/accounts/secret-store';

export function osKeystoreSecretStore(profileDir: string): SecretStore {
  const plain = profileFileSecretStore(profileDir);
  if (!safeStorage.isEncryptionAvailable()) return plain;
  return {
    kind: 'os-keystore',
    async get(accountId) {
      const stored = await plain.get(accountId);
      return stored === undefined ? undefined : safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
    set: (accountId, secret) => plain.set(accountId, safeStorage.encryptString(secret).toString('base64')),
    delete: (accountId) => plain.delete(accountId),
  };
}
