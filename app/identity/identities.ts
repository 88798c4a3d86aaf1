/**
 * The core's view of identity and trust, over the key store: each account's
 * keys (DSA made on first use, off the event loop; OTRv4's with it or on first
 * need), Client Profile and instance tag, the trust of each buddy's fingerprints
 * of either version, and moving identities to and from libotr's files.
 */
import { formatFingerprint, type OtrEnv } from '../../otr';
import {
  accountFromId,
  accountKey,
  ClientProfileKeeper,
  exportToLibotr,
  fingerprintHex,
  fingerprintVersion,
  importFromLibotr,
  KeyGenerator,
  KeyStore,
  type KeyGenerationEvent,
  type OsKeyStore,
  v4FingerprintHex,
} from '../keys';
import type { IdentityProvider } from '../core/identity-provider';
import { UserError } from '../core/errors';
import type { Logger } from '../log';
import { createNodeOtrEnv } from '../otr-host/node-env';

export interface IdentitiesOptions {
  /** Renews Client Profiles by its clock and signs them; Node's by default. */
  env?: Pick<OtrEnv, 'clock' | 'random' | 'math'>;
}

/** `osKeyStore`: where the front end has one (Electron), the private keys are encrypted with a key it holds. */
export async function openIdentities(
  profileDir: string,
  logger: Logger,
  osKeyStore?: OsKeyStore,
  options: IdentitiesOptions = {},
): Promise<
  IdentityProvider & { store: KeyStore; onKeyGeneration(listener: (e: KeyGenerationEvent) => void): () => void }
> {
  const env = options.env ?? createNodeOtrEnv();
  const store = await KeyStore.open(profileDir, { logger, ...(osKeyStore ? { osKeyStore } : {}) });
  const generator = new KeyGenerator(store, { logger });
  const ensure = async (accountId: string) => {
    try {
      return await generator.ensureKey(accountFromId(accountId));
    } catch (err) {
      throw new UserError(err instanceof Error ? err.message : 'The key could not be made', 'key');
    }
  };
  return {
    store,
    onKeyGeneration: (listener) => generator.onProgress(listener),
    async identity(accountId) {
      const account = accountFromId(accountId);
      const key = await ensure(accountId);
      const instanceTag = await store.ensureInstanceTag(account);
      const v4 = await store.ensureV4Keys(account);
      const profiles = new ClientProfileKeeper({ store, account, key, v4, instanceTag, env, logger });
      // The first profile is on disk before any conversation offers it.
      profiles.profile();
      await profiles.saved();
      return {
        key,
        instanceTag,
        v4: { identity: v4.identity, forgingKey: v4.forgingKey, profile: () => profiles.profile() },
        observeFingerprint: (peer, fp) => store.recordFingerprint(account, peer, fp),
        isVerified: (peer, fp) => store.checkFingerprint(account, peer, fp) === 'verified',
        // Across versions: having verified any key of the buddy's is what makes an unverified one worth waiting out.
        hasVerified: (peer) => store.fingerprintsOf(account, peer).some((f) => f.trust !== 'unverified'),
        verifiedBySmp: (peer, fp) => store.setTrust(account, peer, fp, 'verified-smp'),
        keyChanged: (peer, fp) => store.keyChanged(account, peer, fp),
      };
    },
    async generateKey(accountId) {
      return fingerprintHex(await ensure(accountId));
    },
    myFingerprint(accountId) {
      const key = store.privateKey(accountFromId(accountId));
      return key && fingerprintHex(key);
    },
    myFingerprintV4(accountId) {
      const v4 = store.v4Keys(accountFromId(accountId));
      return v4 && v4FingerprintHex(v4);
    },
    listFingerprints(accountId) {
      return store.knownFingerprints(accountId === undefined ? undefined : accountFromId(accountId)).map((f) => ({
        accountId: accountKey(f.account),
        peer: f.buddy,
        fingerprint: f.fingerprint,
        version: fingerprintVersion(f.fingerprint),
        trust: f.trust,
      }));
    },
    async setVerified(accountId, peer, fingerprint, verified) {
      await store.setTrust(accountFromId(accountId), peer, fingerprint, verified ? 'verified-manually' : 'unverified');
    },
    async forget(accountId, peer, fingerprint) {
      await store.forget(accountFromId(accountId), peer, fingerprint);
    },
    async importLibotr(dir) {
      const r = await importFromLibotr(store, dir).catch((err: unknown) => {
        throw new UserError(
          `Nothing imported from ${dir}: ${err instanceof Error ? err.message : String(err)}`,
          'import',
        );
      });
      return [
        ...r.keys.map(
          (k) =>
            `Key for ${accountKey(k.account)}: ${formatFingerprint(k.fingerprint)}${k.replaced ? ' (replaced the one Sotto had)' : ''}`,
        ),
        `${r.fingerprints.length} known fingerprint${r.fingerprints.length === 1 ? '' : 's'} (${r.fingerprints.filter((f) => f.trust !== 'unverified').length} verified)`,
        ...r.instanceTags.map((t) => `Instance tag for ${accountKey(t.account)}: ${t.tag.toString(16)}`),
        ...r.skipped.map((s) => `Skipped ${s.file}${s.line ? ` line ${s.line}` : ''}: ${s.reason}`),
        ...r.missing.map((m) => `Not found: ${m}`),
      ];
    },
    async exportLibotr(dir) {
      const r = await exportToLibotr(store, dir).catch((err: unknown) => {
        throw new UserError(
          `Nothing exported to ${dir}: ${err instanceof Error ? err.message : String(err)}`,
          'export',
        );
      });
      return [
        `Exported ${r.exported.keys} key(s), ${r.exported.fingerprints} fingerprint(s) and ${r.exported.instanceTags} instance tag(s) to ${r.dir}`,
        ...(r.skipped.v4Fingerprints
          ? [
              `Skipped ${r.skipped.v4Fingerprints} OTRv4 fingerprint(s): libotr cannot read them (OTRv4 keys stay in Sotto)`,
            ]
          : []),
        ...r.files.map((f) => `Wrote ${f}`),
      ];
    },
  };
}
