/**
 * The OTR key store of a profile folder: our private keys per account, the
 * fingerprints we know with the user's trust in each, and our instance tags.
 *
 * Three files (store-files.ts), each written atomically with mode 0600, one save at
 * a time. A change is written first and takes effect in memory only once the file
 * is safely on disk, so a failed save leaves the store as the disk has it.
 *
 * A file that cannot be used (damaged, unreadable, from a newer Sotto) never stops
 * the store from opening, but its part is blocked: reading or changing it throws
 * its KeyStoreFileError, so it is never overwritten with an empty file. The user
 * either repairs the file and calls reload(), or calls setAside(part), which
 * renames the file to "<name>.damaged-<time>" (kept for them) and starts that part
 * empty. Secrets are never logged: log lines name accounts and fingerprints only.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fingerprint as dsaFingerprint, type DsaPrivateKey } from '../../otr/crypto/dsa';
import type { Random } from '../../otr/crypto/env';
import { generateInstanceTag, isValidInstanceTag } from '../../otr/session/instance-tags';
import type { Logger } from '../log';
import { ensureProfileDir } from '../profile';
import { accountKey, buddyKey, checkAccount, sameAccount, type AccountRef } from './accounts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { concealSecret } from './dsa-key-check';
import type { KeyStoreFileError } from './errors';
import { loadPart, setPartAside, type PartState } from './store-load';
import { encodePart, identity, STORE_FILES, type KnownFingerprint, type StoreData, type StoredInstanceTag, type StoredKey, type StorePart } from './store-files';
import { fingerprintStatus, normalizeFingerprint, trustRank, TRUST_LEVELS, type FingerprintStatus, type Trust } from './trust';

export interface KeyStoreOptions {
  logger?: Logger;
  now?: () => Date;
  /** For instance tags; the system CSPRNG by default. */
  random?: Random;
  /** How a file is written; tests pass a failing one to play a crash. */
  writeFile?: (path: string, data: string) => Promise<void>;
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

type Parts = { [P in StorePart]: PartState<P> };
const PARTS = Object.keys(STORE_FILES) as StorePart[];

export const fingerprintHex = (key: DsaPrivateKey): string => Buffer.from(dsaFingerprint(key)).toString('hex');

export class KeyStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private readonly random: Random;
  private readonly write: (path: string, data: string) => Promise<void>;

  private constructor(
    /** The profile folder. */
    readonly dir: string,
    private parts: Parts,
    private readonly options: KeyStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? { bytes: (n) => new Uint8Array(randomBytes(n)) };
    this.write = options.writeFile ?? ((path, data) => writeFileAtomic(path, data));
  }

  /** Opens (creating the folder, mode 0700, when missing). Never throws for a bad file: see problems. */
  static async open(profileDir: string, options: KeyStoreOptions = {}): Promise<KeyStore> {
    const dir = await ensureProfileDir(profileDir);
    const loaded: Partial<Parts> = {};
    for (const part of PARTS) {
      const stale = await removeStaleTempFiles(join(dir, STORE_FILES[part]));
      if (stale.length) options.logger?.log('info', `removed ${stale.length} temp file(s) an interrupted save of ${STORE_FILES[part]} left behind`);
      (loaded as Record<StorePart, unknown>)[part] = await loadPart(dir, part, options.logger);
    }
    const store = new KeyStore(dir, loaded as Parts, options);
    for (const problem of store.problems()) options.logger?.log('error', problem.message);
    return store;
  }

  path(part: StorePart): string {
    return join(this.dir, STORE_FILES[part]);
  }

  /** The files that could not be loaded; each blocks its part until resolved. */
  problems(): KeyStoreFileError[] {
    return PARTS.flatMap((part) => {
      const state = this.parts[part];
      return state.ok ? [] : [state.error];
    });
  }

  /** Reads a blocked part again, after the user repaired its file; throws its error if it is still unusable. */
  reload(part: StorePart): Promise<void> {
    return this.serially(async () => {
      const state = await loadPart(this.dir, part, this.options.logger);
      this.setPart(part, state);
      if (!state.ok) throw state.error;
    });
  }

  /** Moves a blocked part's file aside (kept, renamed) and starts that part empty; returns where the file went. */
  setAside(part: StorePart): Promise<string | undefined> {
    return this.serially(async () => {
      if (this.parts[part].ok) throw new Error(`${STORE_FILES[part]} is not damaged; Sotto sets aside only a file it cannot use`);
      let aside: string | undefined;
      try {
        aside = await setPartAside(this.dir, part, this.now());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      this.setPart(part, { ok: true, value: [] });
      this.options.logger?.log('warn', `${this.path(part)} was set aside${aside ? ` as ${aside}` : ' (it was gone)'}; starting it empty`);
      return aside;
    });
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
  addKeys(entries: readonly { account: AccountRef; key: DsaPrivateKey; libotrName?: string }[], options: { replace?: boolean } = {}): Promise<KeyAddOutcome[]> {
    for (const e of entries) checkAccount(e.account);
    return this.change('keys', (current) => {
      let next = [...current];
      const outcomes = entries.map((e): KeyAddOutcome => {
        const at = next.findIndex((k) => sameAccount(k.account, e.account));
        const existing = next[at];
        if (existing && fingerprintHex(existing.key) === fingerprintHex(e.key) && existing.key.x === e.key.x) return 'same';
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
    return this.read('fingerprints').filter((f) => sameAccount(f.account, account) && buddyKey(f.account.protocol, f.buddy) === b);
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
  async recordFingerprint(account: AccountRef, buddy: string, fingerprint: string | Uint8Array): Promise<FingerprintStatus> {
    const fp = normalizeFingerprint(fingerprint);
    const status = await this.change('fingerprints', () => {
      const status = this.checkFingerprint(account, buddy, fp);
      if (status === 'known-unverified' || status === 'verified') return { result: status };
      return { next: [...this.read('fingerprints'), this.record(account, buddy, fp, 'unverified')], result: status };
    });
    if (status === 'changed') this.options.logger?.log('warn', `the fingerprint of ${buddy} (${accountKey(account)}) changed to ${fp}`);
    return status;
  }

  /** Sets the trust in a fingerprint (adding it if unknown): 'verified-smp' after a successful SMP, 'verified-manually' when the user confirms. */
  setTrust(account: AccountRef, buddy: string, fingerprint: string | Uint8Array, trust: Trust): Promise<void> {
    const fp = normalizeFingerprint(fingerprint);
    if (!TRUST_LEVELS.includes(trust)) throw new TypeError(`trust is one of ${TRUST_LEVELS.join(', ')}`);
    return this.change('fingerprints', (current) => {
      const id = identity('fingerprints', this.record(account, buddy, fp, trust));
      const at = current.findIndex((f) => identity('fingerprints', f) === id);
      const existing = current[at];
      if (existing?.trust === trust) return { result: undefined };
      const next = existing ? current.map((f, i) => (i === at ? { ...f, trust } : f)) : [...current, this.record(account, buddy, fp, trust)];
      return { next, result: undefined };
    });
  }

  /** Forgets one fingerprint of a buddy, or all of them; returns how many were forgotten. */
  forget(account: AccountRef, buddy: string, fingerprint?: string | Uint8Array): Promise<number> {
    const fp = fingerprint === undefined ? undefined : normalizeFingerprint(fingerprint);
    return this.change('fingerprints', (current) => {
      const gone = new Set(this.fingerprintsOf(account, buddy).filter((f) => fp === undefined || f.fingerprint === fp));
      return { next: gone.size ? current.filter((f) => !gone.has(f)) : undefined, result: gone.size };
    });
  }

  /** Adds fingerprints in one save (an import); trust is only ever raised, never lowered. */
  mergeFingerprints(entries: readonly { account: AccountRef; buddy: string; fingerprint: string; trust: Trust }[]): Promise<FingerprintMergeOutcome[]> {
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
  ensureInstanceTag(account: AccountRef): Promise<number> {
    checkAccount(account);
    return this.change('instanceTags', (current) => {
      const existing = current.find((t) => sameAccount(t.account, account));
      if (existing) return { result: existing.tag };
      const tag = generateInstanceTag(this.random);
      return { next: [...current, { account: { ...account }, tag }], result: tag };
    });
  }

  /** Stores tags in one save; an account that has a tag keeps it. Returns whether each was stored. */
  addInstanceTags(entries: readonly StoredInstanceTag[]): Promise<boolean[]> {
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

  // ---- machinery ----------------------------------------------------------

  private record(account: AccountRef, buddy: string, fingerprint: string, trust: Trust): KnownFingerprint {
    checkAccount(account);
    if (typeof buddy !== 'string' || buddy === '') throw new TypeError('a buddy needs a non-empty name');
    return { account: { protocol: account.protocol, account: account.account }, buddy, fingerprint, trust, firstSeen: this.now().toISOString() };
  }

  private read<P extends StorePart>(part: P): StoreData[P] {
    const state = this.parts[part];
    if (!state.ok) throw state.error;
    return state.value;
  }

  private setPart<P extends StorePart>(part: P, state: PartState<P>): void {
    this.parts = { ...this.parts, [part]: state };
  }

  /** Runs one change after every earlier one: computes the next value, writes it, then makes it current. */
  private change<P extends StorePart, T>(part: P, compute: (current: StoreData[P]) => { next?: StoreData[P]; result: T }): Promise<T> {
    return this.serially(async () => {
      const { next, result } = compute(this.read(part));
      if (next !== undefined) {
        await this.write(this.path(part), encodePart(part, next));
        this.setPart(part, { ok: true, value: next });
      }
      return result;
    });
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
