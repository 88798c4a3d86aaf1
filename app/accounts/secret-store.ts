/**
 * Where account passwords are kept. Under Electron the main process supplies
 * one backed by the OS key store (safeStorage); headless and browser mode keep
 * them in secrets.json in the profile, mode 0600, and say so.
 */
import { join } from 'node:path';
import * as z from 'zod/mini';
import { chars } from '../api/bounded';
import { dictionary } from '../storage/dictionary';
import { JsonFile } from '../storage/json-file';

export interface SecretStore {
  readonly kind: 'os-keystore' | 'profile-file';
  get(accountId: string): Promise<string | undefined>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}

export const PROFILE_SECRETS_WARNING =
  'Passwords are stored in the profile folder (secrets.json, readable only by you) because no OS key store is available in this mode.';

const secretsSchema = z.strictObject({ secrets: dictionary(chars({ max: 4096 })) });

export function profileFileSecretStore(profileDir: string): SecretStore {
  const file = new JsonFile(join(profileDir, 'secrets.json'), secretsSchema, () => ({
    secrets: {} as Record<string, string>,
  }));
  let cache: Promise<Record<string, string>> | undefined;
  const load = () => (cache ??= file.load().then((f) => ({ ...f.secrets })));
  return {
    kind: 'profile-file',
    async get(accountId) {
      return (await load())[accountId];
    },
    async set(accountId, secret) {
      const all = await load();
      all[accountId] = secret;
      await file.save({ secrets: all });
    },
    async delete(accountId) {
      const all = await load();
      delete all[accountId];
      await file.save({ secrets: all });
    },
  };
}
