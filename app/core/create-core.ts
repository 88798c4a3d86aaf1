/** The core with its real parts: the network adapters and the key store of the profile. */
import { createAdapterFor } from '../accounts/adapter-factory';
import type { SecretStore } from '../accounts/secret-store';
import { openIdentities } from '../identity/identities';
import { accountKey } from '../keys';
import type { Logger } from '../log';
import { SottoCore, type FrontEnd } from './sotto-core';

export async function createCore(options: { profileDir: string; frontEnd: FrontEnd; logger: Logger; secrets?: SecretStore }): Promise<SottoCore> {
  const identities = await openIdentities(options.profileDir, options.logger);
  const core = new SottoCore({ ...options, adapterFactory: createAdapterFor, identities });
  identities.onKeyGeneration((e) => {
    const accountId = accountKey(e.account);
    core.emit('otr.keygen', { accountId, phase: e.type, ...(e.type === 'finished' ? { fingerprint: e.fingerprint } : {}), ...(e.type === 'failed' ? { message: e.message } : {}) });
  });
  await core.start();
  return core;
}
