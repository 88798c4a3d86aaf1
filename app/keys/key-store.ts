/**
 * The OTR key store of a profile folder: our private keys per account, the
 * fingerprints we know with the user's trust in each, and our instance tags;
 * what each change means (a key is never silently replaced, a changed fingerprint
 * is never trusted by being seen, an import never lowers trust). How the three
 * files are kept (atomic, 0600, one save at a time, a damaged file blocked and
 * never overwritten, the private keys encrypted under the OS key store) is
 * store-parts.ts; the fingerprints and tags are store-trust.ts. Secrets are
 * never logged: log lines name accounts and fingerprints only.
 */
import { randomBytes } from 'node:crypto';
import { fingerprint as dsaFingerprint, type DsaPrivateKey, type Random } from '../../otr';
import { ensureProfileDir } from '../profile';
import { accountKey, checkAccount, sameAccount, type AccountRef } from './account-refs';
import { concealSecret, dsaKeyProblem } from './dsa-key-check';
import { PROFILE_KEYS_WARNING } from './key-file-protection';
import type { StoredKey } from './store-files';
import { loadParts, type LoadedParts, type StorePartsOptions } from './store-parts';
import { TrustAndTags } from './store-trust';
import { equal, newV4Keys, v4FingerprintHex, type StoredV4Keys } from './v4-keys';

export interface KeyStoreOptions extends StorePartsOptions {
  /** For instance tags; the system CSPRNG by default. */
  random?: Random;
}

/** Our own key, described without its secret. */
export interface OwnKeyInfo {
  account: AccountRef;
  /** 40 lower-case hex digits. */
  fingerprint: string;
  /** The OTRv4 fingerprint (112 lower-case hex digits), once the account has v4 keys. */
  v4Fingerprint?: string;
  created: string;
  libotrName?: string;
}

export type KeyAddOutcome = 'added' | 'replaced' | 'same' | 'kept-existing';
export type { FingerprintMergeOutcome } from './store-trust';

export const fingerprintHex = (key: DsaPrivateKey): string => Buffer.from(dsaFingerprint(key)).toString('hex');

export class KeyStore extends TrustAndTags {
  private constructor(dir: string, loaded: LoadedParts, options: KeyStoreOptions) {
    super(dir, loaded, options, options.random ?? { bytes: (n) => new Uint8Array(randomBytes(n)) });
  }

  /**
   * Opens (creating the folder, mode 0700, when missing), encrypting a plaintext key
   * file when `osKeyStore` is given. Never throws for a bad file: see problems().
   */
  static async open(profileDir: string, options: KeyStoreOptions = {}): Promise<KeyStore> {
    const dir = await ensureProfileDir(profileDir);
    const store = new KeyStore(dir, await loadParts(dir, options), options);
    if (store.protection.kind === 'profile-file') options.logger?.log('warn', PROFILE_KEYS_WARNING);
    for (const problem of store.problems()) options.logger?.log('error', problem.message);
    await store.upgradeKeyFile();
    return store;
  }

  /** Where the private keys are kept: encrypted under the OS key store, or in a plaintext 0600 file. */
  get keyStorage(): 'os-keystore' | 'profile-file' {
    return this.protection.kind;
  }

  // ---- our keys ---------------------------------------------------------

  privateKey(account: AccountRef): DsaPrivateKey | undefined {
    return this.read('keys').find((k) => sameAccount(k.account, account))?.key;
  }

  ownKeys(): OwnKeyInfo[] {
    return this.read('keys').map((k) => ({
      account: k.account,
      fingerprint: fingerprintHex(k.key),
      ...(k.v4 ? { v4Fingerprint: v4FingerprintHex(k.v4) } : {}),
      created: k.created,
      ...(k.libotrName === undefined ? {} : { libotrName: k.libotrName }),
    }));
  }

  /**
   * Stores keys, in one save. An account that already has a different key keeps it
   * unless `replace`: losing a private key loses the identity buddies verified. A
   * replaced DSA key leaves the account's OTRv4 keys as they were (they are an
   * identity of their own) but drops their Client Profile, which the old DSA key
   * signed. `withV4`: a new account also gets OTRv4 keys, in the same save.
   */
  async addKeys(
    entries: readonly { account: AccountRef; key: DsaPrivateKey; libotrName?: string }[],
    options: { replace?: boolean; withV4?: boolean } = {},
  ): Promise<KeyAddOutcome[]> {
    for (const e of entries) {
      checkAccount(e.account);
      // A bad key written now would make the whole key file unreadable at the next start.
      const problem = dsaKeyProblem(e.key);
      if (problem) throw new RangeError(`the key for ${accountKey(e.account)} is unusable: ${problem}`);
    }
    return this.change('keys', (current) => {
      let next = [...current];
      const outcomes = entries.map((e): KeyAddOutcome => {
        const at = next.findIndex((k) => sameAccount(k.account, e.account));
        const existing = next[at];
        if (existing && fingerprintHex(existing.key) === fingerprintHex(e.key) && existing.key.x === e.key.x)
          return 'same';
        if (existing && !options.replace) return 'kept-existing';
        const created = this.now().toISOString();
        const v4 = existing
          ? withoutProfile(existing.v4)
          : options.withV4
            ? newV4Keys(this.random, created)
            : undefined;
        const stored: StoredKey = {
          account: { protocol: e.account.protocol, account: e.account.account },
          key: concealSecret(e.key),
          created,
          ...(e.libotrName === undefined ? {} : { libotrName: e.libotrName }),
          ...(v4 ? { v4 } : {}),
        };
        next = existing ? next.map((k, i) => (i === at ? stored : k)) : [...next, stored];
        return existing ? 'replaced' : 'added';
      });
      return { next: outcomes.some((o) => o === 'added' || o === 'replaced') ? next : undefined, result: outcomes };
    });
  }

  // ---- our OTRv4 keys -----------------------------------------------------

  v4Keys(account: AccountRef): StoredV4Keys | undefined {
    return this.read('keys').find((k) => sameAccount(k.account, account))?.v4;
  }

  /**
   * The account's OTRv4 keys, made and saved the first time they are asked for: how
   * an account whose DSA key predates OTRv4 (or came from libotr) gets them. The
   * account must have its DSA key first, whose file entry they join.
   */
  async ensureV4Keys(account: AccountRef): Promise<StoredV4Keys> {
    checkAccount(account);
    const { v4, made } = await this.change('keys', (current) => {
      const at = current.findIndex((k) => sameAccount(k.account, account));
      const entry = current[at];
      if (!entry) throw new Error(`${accountKey(account)} has no OTR key yet`);
      if (entry.v4) return { result: { v4: entry.v4, made: false } };
      const v4 = newV4Keys(this.random, this.now().toISOString());
      return { next: current.map((k, i) => (i === at ? { ...k, v4 } : k)), result: { v4, made: true } };
    });
    if (made) this.options.logger?.log('info', `OTRv4 keys ready for ${accountKey(account)}: ${v4FingerprintHex(v4)}`);
    return v4;
  }

  /**
   * Keeps the account's latest Client Profile with its keys, unless those keys were
   * replaced meanwhile (the profile names `identityKey`). Returns whether it was kept.
   */
  async setClientProfile(account: AccountRef, identityKey: Uint8Array, profile: Uint8Array): Promise<boolean> {
    return this.change('keys', (current) => {
      const at = current.findIndex((k) => sameAccount(k.account, account));
      const entry = current[at];
      if (!entry?.v4 || !equal(entry.v4.identity.publicBytes, identityKey)) return { result: false };
      const v4 = { ...entry.v4, profile: profile.slice() };
      return { next: current.map((k, i) => (i === at ? { ...k, v4 } : k)), result: true };
    });
  }
}

function withoutProfile(v4: StoredV4Keys | undefined): StoredV4Keys | undefined {
  if (!v4) return undefined;
  const { profile: _signedByTheOldKey, ...keys } = v4;
  return keys;
}
