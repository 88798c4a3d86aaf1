/**
 * The core's view of identity and trust, over the key store: each account's
 * key (made on first use, off the event loop) and instance tag, and the trust
 * of each buddy's fingerprints as the OTR layer and the API need them.
 */
import { accountFromId, fingerprintHex, KeyGenerator, KeyStore, type KeyGenerationEvent } from '../keys';
import type { Logger } from '../log';
import type { IdentityProvider } from '../core/sotto-core';
import type { OtrIdentity } from '../otr/otr-layer';

export async function openIdentities(profileDir: string, logger: Logger, onKeyGeneration?: (e: KeyGenerationEvent) => void): Promise<IdentityProvider & { store: KeyStore }> {
  const store = await KeyStore.open(profileDir, { logger });
  const generator = new KeyGenerator(store, { logger });
  if (onKeyGeneration) generator.onProgress(onKeyGeneration);
  return {
    store,
    async identity(accountId): Promise<OtrIdentity> {
      const account = accountFromId(accountId);
      const key = await generator.ensureKey(account);
      const instanceTag = await store.ensureInstanceTag(account);
      return {
        key,
        instanceTag,
        observeFingerprint: (peer, fp) => store.recordFingerprint(account, peer, fp),
        isVerified: (peer, fp) => store.checkFingerprint(account, peer, fp) === 'verified',
        verifiedBySmp: (peer, fp) => store.setTrust(account, peer, fp, 'verified-smp'),
      };
    },
    myFingerprint(accountId) {
      const key = store.privateKey(accountFromId(accountId));
      return key && fingerprintHex(key);
    },
    listFingerprints(accountId) {
      return store.knownFingerprints(accountId === undefined ? undefined : accountFromId(accountId)).map((f) => ({
        accountId: `${f.account.protocol}:${f.account.account}`,
        peer: f.buddy,
        fingerprint: f.fingerprint,
        trust: f.trust,
      }));
    },
    async setVerified(accountId, peer, fingerprint, verified) {
      await store.setTrust(accountFromId(accountId), peer, fingerprint, verified ? 'verified-manually' : 'unverified');
    },
    async forget(accountId, peer, fingerprint) {
      await store.forget(accountFromId(accountId), peer, fingerprint);
    },
  };
}
