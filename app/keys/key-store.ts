/**
 * The OTR key store of a profile folder: our private keys per account, the
 * fingerprints we know with the user's trust in each, and our instance tags;
 * what each change means (a key is never silently replaced, a changed fingerprint
 * is never trusted by being seen, an import never lowers trust). How the three
 * files are kept (atomic, 0600, one save at a time, a damaged file blocked and
 * never overwritten, the private keys encrypted under the OS key store) is
 * store-parts.ts. Secrets are never logged: log lines name accounts and
 * fingerprints only.
 */
import { randomBytes } from 'node:crypto';
import {
  fingerprint as dsaFingerprint,
  type DsaPrivateKey,
  type Random,
  generateInstanceTag,
  isValidInstanceTag,
} from '../../otr';
import { ensureProfileDir } from '../profile';
import { accountKey, buddyKey, checkAccount, sameAccount, type AccountRef } from './account-refs';
import { concealSecret, dsaKeyProblem } from './dsa-key-check';
import { PROFILE_KEYS_WARNING } from './key-file-protection';
import { identity, type KnownFingerprint, type StoredInstanceTag, type StoredKey } from './store-files';
import { loadParts, StoreParts, type LoadedParts, type StorePartsOptions } from './store-parts';
import {
  fingerprintStatus,
  normalizeFingerprint,
  trustRank,
  TRUST_LEVELS,
  type FingerprintStatus,
  type Trust,
} from './trust';

export interface KeyStoreOptions extends StorePartsOptions {
  /** For instance tags; the system CSPRNG by default. */
  random?: Random;
}

/** Our own key, described without its secret. */
export interface OwnKeyInfo {
  account: AccountRef;
  /** 40 lower-case hex digits. */
  fingerprint: string;
  created: string;
  libotrName?: string;
}

export type KeyAddOutcome = 'added' | 'replaced' | 'same' | 'kept-existing';
export type FingerprintMergeOutcome = 'added' | 'trust-raised' | 'unchanged';

export const fingerprintHex = (key: DsaPrivateKey): string => Buffer.from(dsaFingerprint(key)).toString('hex');

export class KeyStore extends StoreParts {
  private readonly random: Random;

  private constructor(dir: string, loaded: LoadedParts, options: KeyStoreOptions) {
    super(dir, loaded, options);
    this.random = options.random ?? { bytes: (n) => new Uint8Array(randomBytes(n)) };
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
      created: k.created,
      ...(k.libotrName === undefined ? {} : { libotrName: k.libotrName }),
    }));
  }

  /**
   * Stores keys, in one save. An account that already has a different key keeps it
   * unless `replace`: losing a private key loses the identity buddies verified.
   */
  async addKeys(
    entries: readonly { account: AccountRef; key: DsaPrivateKey; libotrName?: string }[],
    options: { replace?: boolean } = {},
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
        const stored: StoredKey = {
          account: { protocol: e.account.protocol, account: e.account.account },
          key: concealSecret(e.key),
          created: this.now().toISOString(),
          ...(e.libotrName === undefined ? {} : { libotrName: e.libotrName }),
        };
        next = existing ? next.map((k, i) => (i === at ? stored : k)) : [...next, stored];
        return existing ? 'replaced' : 'added';
      });
      return { next: outcomes.some((o) => o === 'added' || o === 'replaced') ? next : undefined, result: outcomes };
    });
  }

  // ---- buddies' fingerprints ----------------------------------------------

  /** Every fingerprint known for this buddy of this account. */
  fingerprintsOf(account: AccountRef, buddy: string): KnownFingerprint[] {
    const b = buddyKey(account.protocol, buddy);
    return this.read('fingerprints').filter(
      (f) => sameAccount(f.account, account) && buddyKey(f.account.protocol, f.buddy) === b,
    );
  }

  knownFingerprints(account?: AccountRef): KnownFingerprint[] {
    return this.read('fingerprints').filter((f) => !account || sameAccount(f.account, account));
  }

  /** What `fingerprint` means for this buddy: new, known-unverified, verified, or changed. Changes nothing. */
  checkFingerprint(account: AccountRef, buddy: string, fingerprint: string | Uint8Array): FingerprintStatus {
    return fingerprintStatus(this.fingerprintsOf(account, buddy), normalizeFingerprint(fingerprint));
  }

  /**
   * Call when a session with the buddy is established: remembers the fingerprint
   * (unverified) if it is new, and returns its status as it was before, so a
   * 'changed' is reported once, loudly, and the key is never trusted by it.
   */
  async recordFingerprint(
    account: AccountRef,
    buddy: string,
    fingerprint: string | Uint8Array,
  ): Promise<FingerprintStatus> {
    const fp = normalizeFingerprint(fingerprint);
    const status = await this.change('fingerprints', (current) => {
      const status = this.checkFingerprint(account, buddy, fp);
      if (status === 'known-unverified' || status === 'verified') return { result: status };
      return { next: [...current, this.record(account, buddy, fp, 'unverified')], result: status };
    });
    if (status === 'changed')
      this.options.logger?.log('warn', `the fingerprint of ${buddy} (${accountKey(account)}) changed to ${fp}`);
    return status;
  }

  /** Sets the trust in a fingerprint (adding it if unknown): 'verified-smp' after a successful SMP, 'verified-manually' when the user confirms. */
  async setTrust(account: AccountRef, buddy: string, fingerprint: string | Uint8Array, trust: Trust): Promise<void> {
    const fp = normalizeFingerprint(fingerprint);
    if (!TRUST_LEVELS.includes(trust)) throw new TypeError(`trust is one of ${TRUST_LEVELS.join(', ')}`);
    return this.change('fingerprints', (current) => {
      const id = identity('fingerprints', this.record(account, buddy, fp, trust));
      const at = current.findIndex((f) => identity('fingerprints', f) === id);
      const existing = current[at];
      if (existing?.trust === trust) return { result: undefined };
      const next = existing
        ? current.map((f, i) => (i === at ? { ...f, trust } : f))
        : [...current, this.record(account, buddy, fp, trust)];
      return { next, result: undefined };
    });
  }

  /** Forgets one fingerprint of a buddy, or all of them; returns how many were forgotten. */
  async forget(account: AccountRef, buddy: string, fingerprint?: string | Uint8Array): Promise<number> {
    const fp = fingerprint === undefined ? undefined : normalizeFingerprint(fingerprint);
    return this.change('fingerprints', (current) => {
      const gone = new Set(this.fingerprintsOf(account, buddy).filter((f) => fp === undefined || f.fingerprint === fp));
      return { next: gone.size ? current.filter((f) => !gone.has(f)) : undefined, result: gone.size };
    });
  }

  /** Adds fingerprints in one save (an import); trust is only ever raised, never lowered. */
  async mergeFingerprints(
    entries: readonly { account: AccountRef; buddy: string; fingerprint: string; trust: Trust }[],
  ): Promise<FingerprintMergeOutcome[]> {
    for (const e of entries) checkAccount(e.account);
    return this.change('fingerprints', (current) => {
      const next = [...current];
      const outcomes = entries.map((e): FingerprintMergeOutcome => {
        const incoming = this.record(e.account, e.buddy, normalizeFingerprint(e.fingerprint), e.trust);
        const at = next.findIndex((f) => identity('fingerprints', f) === identity('fingerprints', incoming));
        const existing = next[at];
        if (!existing) {
          next.push(incoming);
          return 'added';
        }
        if (trustRank(e.trust) <= trustRank(existing.trust)) return 'unchanged';
        next[at] = { ...existing, trust: e.trust };
        return 'trust-raised';
      });
      return { next: outcomes.some((o) => o !== 'unchanged') ? next : undefined, result: outcomes };
    });
  }

  // ---- our instance tags --------------------------------------------------

  instanceTag(account: AccountRef): number | undefined {
    return this.read('instanceTags').find((t) => sameAccount(t.account, account))?.tag;
  }

  /** Every account's instance tag. */
  instanceTags(): StoredInstanceTag[] {
    return [...this.read('instanceTags')];
  }

  /** The account's instance tag, made and saved the first time it is asked for. */
  async ensureInstanceTag(account: AccountRef): Promise<number> {
    checkAccount(account);
    return this.change('instanceTags', (current) => {
      const existing = current.find((t) => sameAccount(t.account, account));
      if (existing) return { result: existing.tag };
      const tag = generateInstanceTag(this.random);
      return { next: [...current, { account: { ...account }, tag }], result: tag };
    });
  }

  /** Stores tags in one save; an account that has a tag keeps it. Returns whether each was stored. */
  async addInstanceTags(entries: readonly StoredInstanceTag[]): Promise<boolean[]> {
    for (const e of entries) {
      checkAccount(e.account);
      if (!isValidInstanceTag(e.tag)) throw new RangeError(`not a valid instance tag: ${e.tag}`);
    }
    return this.change('instanceTags', (current) => {
      const next = [...current];
      const stored = entries.map((e) => {
        if (next.some((t) => sameAccount(t.account, e.account))) return false;
        next.push({ account: { protocol: e.account.protocol, account: e.account.account }, tag: e.tag });
        return true;
      });
      return { next: stored.some(Boolean) ? next : undefined, result: stored };
    });
  }

  private record(account: AccountRef, buddy: string, fingerprint: string, trust: Trust): KnownFingerprint {
    checkAccount(account);
    if (typeof buddy !== 'string' || buddy === '') throw new TypeError('a buddy needs a non-empty name');
    return {
      account: { protocol: account.protocol, account: account.account },
      buddy,
      fingerprint,
      trust,
      firstSeen: this.now().toISOString(),
    };
  }
}
