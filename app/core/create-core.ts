/** The core with its real parts: the network adapters and the key store of the profile. */
import { createAdapterFor } from '../accounts/adapter-factory';
import type { SecretStore } from '../accounts/secret-store';
import { openIdentities } from '../identity/identities';
import { accountKey, type OsKeyStore } from '../keys';
import type { Logger } from '../log';
import { SottoCore, type FrontEnd } from './sotto-core';

/**
 * `secrets` and `osKeyStore` come from the front end that has an OS key store
 * (Electron's main process); without them passwords and private keys stay in
 * 0600 files in the profile, with a warning.
 */
export async function createCore(options: {
  profileDir: string;
  frontEnd: FrontEnd;
  logger: Logger;
  secrets?: SecretStore;
  osKeyStore?: OsKeyStore;
}): Promise<SottoCore> {
  const { osKeyStore, ...coreOptions } = options;
  const identities = await openIdentities(options.profileDir, options.logger, osKeyStore);
  const core = new SottoCore({ ...coreOptions, adapterFactory: createAdapterFor, identities });
  identities.onKeyGeneration((e) => {
    const accountId = accountKey(e.account);
    core.emit('otr.keygen', {
      accountId,
      phase: e.type,
      ...(e.type === 'finished' ? { fingerprint: e.fingerprint } : {}),
      ...(e.type === 'failed' ? { message: e.message } : {}),
    });
  });
  await core.start();
  return core;
}
