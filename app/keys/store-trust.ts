/**
 * The key store's buddy fingerprints with the user's trust in each, and our
 * instance tags: what each change means (a changed fingerprint is never trusted by
 * being seen, an import never lowers trust, an account's tag never changes).
 * KeyStore (key-store.ts) adds our private keys on top. OTRv3 and OTRv4
 * fingerprints are kept in the same list and judged apart (trust.ts).
 */
import { generateInstanceTag, isValidInstanceTag, type Random } from '../../otr';
import { accountKey, buddyKey, checkAccount, sameAccount, type AccountRef } from './account-refs';
import { identity, type KnownFingerprint, type StoredInstanceTag } from './store-files';
import { StoreParts, type LoadedParts, type StorePartsOptions } from './store-parts';
import {
  fingerprintStatus,
  keyChanged,
  normalizeFingerprint,
  trustRank,
  TRUST_LEVELS,
  type FingerprintStatus,
  type Trust,
} from './trust';

export type FingerprintMergeOutcome = 'added' | 'trust-raised' | 'unchanged';

export abstract class TrustAndTags extends StoreParts {
  protected constructor(
    dir: string,
    loaded: LoadedParts,
    options: StorePartsOptions,
    /** For instance tags and OTRv4 keys. */
    protected readonly random: Random,
  ) {
    super(dir, loaded, options);
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

  /** What `fingerprint` means for this buddy, judged against the known ones of its own OTR version: new, known-unverified, verified, or changed. Changes nothing. */
  checkFingerprint(account: AccountRef, buddy: string, fingerprint: string | Uint8Array): FingerprintStatus {
    return fingerprintStatus(this.fingerprintsOf(account, buddy), normalizeFingerprint(fingerprint));
  }

  /** The buddy used another key of the same OTR version before, and this one is not verified: the loud warning. */
  keyChanged(account: AccountRef, buddy: string, fingerprint: string | Uint8Array): boolean {
    return keyChanged(this.fingerprintsOf(account, buddy), normalizeFingerprint(fingerprint));
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
