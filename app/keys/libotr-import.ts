/**
 * Import from libotr's files (a Pidgin profile, ~/.purple): the user keeps their
 * OTR identity (same private key, so the same fingerprint for their buddies), the
 * buddies they verified, and their instance tags.
 *
 * Choices, each reported per entry:
 * - A key for an account that already has a different key in Sotto is not taken
 *   unless `replaceKeys`: silently swapping identities would make every buddy see a
 *   changed fingerprint.
 * - Trust is merged upwards: an import never lowers trust Sotto already has.
 * - libpurple accounts map to Sotto accounts by accounts.ts accountFromLibotr
 *   (XMPP resource dropped); two libotr accounts that map to one Sotto account
 *   (two resources with different keys) keep the first and report the other.
 * - An instance tag is taken only for an account that has none in Sotto. libotr's
 *   file warns against copying tags between computers: two installations running
 *   at once with one tag confuse peers. Moving from Pidgin to Sotto on one machine
 *   is fine; pass `instanceTags: false` when Pidgin stays in use.
 */
import type { AccountRef } from './account-refs';
import { accountFromLibotr, accountKey, buddyFromLibotr } from './account-refs';
import type { KeyStore } from './key-store';
import { fingerprintHex } from './key-store';
import { readLibotrFolder, type FileRead } from './libotr-folder';
import { trustFromLibotr, type Trust } from './trust';

export interface LibotrImportOptions {
  /** Take libotr's key even where Sotto has a different one for the account (default false). */
  replaceKeys?: boolean;
  /** Take libotr's instance tags for accounts without one (default true). */
  instanceTags?: boolean;
  /** libpurple account → Sotto account; default accountFromLibotr. */
  mapAccount?: (accountName: string, libotrProtocol: string) => AccountRef | { skip: string };
}

export interface SkippedImport {
  /** The libotr file it is in. */
  file: string;
  line?: number;
  reason: string;
}

export interface LibotrImportReport {
  keys: { account: AccountRef; libotrName: string; fingerprint: string; replaced: boolean }[];
  fingerprints: { account: AccountRef; buddy: string; fingerprint: string; trust: Trust; trustRaised: boolean }[];
  instanceTags: { account: AccountRef; tag: number }[];
  skipped: SkippedImport[];
  /** libotr files that were not in the folder. */
  missing: string[];
}

const PRIVATE_KEY = 'otr.private_key';
const FINGERPRINTS = 'otr.fingerprints';
const INSTANCE_TAGS = 'otr.instance_tags';

/**
 * Imports what `dir` holds into `store`. Throws the store's KeyStoreFileError, before
 * changing anything, when one of its files is blocked; problems with libotr's files
 * are reported in `skipped`, never thrown.
 */
export async function importFromLibotr(
  store: KeyStore,
  dir: string,
  options: LibotrImportOptions = {},
): Promise<LibotrImportReport> {
  const [blocked] = store.problems();
  if (blocked) throw blocked;
  const map = options.mapAccount ?? accountFromLibotr;
  const folder = await readLibotrFolder(dir);
  const report: LibotrImportReport = { keys: [], fingerprints: [], instanceTags: [], skipped: [], missing: [] };
  const skip = (file: string, reason: string, line?: number) =>
    report.skipped.push({ file, reason, ...(line === undefined ? {} : { line }) });
  const entries = <T>(
    file: string,
    read: FileRead<{ skipped: { line: number; reason: string }[] } & T>,
  ): T | undefined => {
    if (read.state === 'missing') report.missing.push(file);
    else if (read.state === 'error') skip(file, read.error.reason, read.error.line);
    else {
      for (const s of read.value.skipped) skip(file, s.reason, s.line);
      return read.value;
    }
    return undefined;
  };
  const mapped = (file: string, line: number, name: string, protocol: string): AccountRef | undefined => {
    const result = map(name, protocol);
    if ('skip' in result) skip(file, result.skip, line);
    else return result;
    return undefined;
  };

  // Keys: the first libotr account that maps to a Sotto account wins.
  const keys = entries(PRIVATE_KEY, folder.privateKeys)?.keys ?? [];
  const wanted = new Map<string, (typeof keys)[number] & { account: AccountRef }>();
  for (const k of keys) {
    const account = mapped(PRIVATE_KEY, k.line, k.accountName, k.protocol);
    if (!account) continue;
    const first = wanted.get(accountKey(account));
    if (first)
      skip(
        PRIVATE_KEY,
        `${k.accountName} maps to the same Sotto account (${accountKey(account)}) as ${first.accountName} on line ${first.line}, whose key was taken`,
        k.line,
      );
    else wanted.set(accountKey(account), { ...k, account });
  }
  const toAdd = [...wanted.values()];
  const outcomes = await store.addKeys(
    toAdd.map((k) => ({ account: k.account, key: k.key, libotrName: k.accountName })),
    { replace: options.replaceKeys ?? false },
  );
  toAdd.forEach((k, i) => {
    const outcome = outcomes[i];
    if (outcome === 'added' || outcome === 'replaced') {
      report.keys.push({
        account: k.account,
        libotrName: k.accountName,
        fingerprint: fingerprintHex(k.key),
        replaced: outcome === 'replaced',
      });
    } else if (outcome === 'same') skip(PRIVATE_KEY, `Sotto already has this key for ${accountKey(k.account)}`, k.line);
    else
      skip(
        PRIVATE_KEY,
        `Sotto already has a different key for ${accountKey(k.account)}; it was kept (import with replaceKeys to take libotr's)`,
        k.line,
      );
  });

  // Fingerprints.
  const prints = (entries(FINGERPRINTS, folder.fingerprints)?.entries ?? []).flatMap((f) => {
    const account = mapped(FINGERPRINTS, f.line, f.accountName, f.protocol);
    if (!account) return [];
    const buddy = buddyFromLibotr(account.protocol, f.username);
    if (!buddy) {
      skip(FINGERPRINTS, `"${f.username}" names no buddy once its resource is dropped`, f.line);
      return [];
    }
    return [{ account, buddy, fingerprint: f.fingerprint, trust: trustFromLibotr(f.trust), line: f.line }];
  });
  const merged = await store.mergeFingerprints(prints);
  prints.forEach((f, i) => {
    const outcome = merged[i];
    if (outcome === 'unchanged')
      skip(FINGERPRINTS, `Sotto already knows this fingerprint of ${f.buddy} with the same or higher trust`, f.line);
    else
      report.fingerprints.push({
        account: f.account,
        buddy: f.buddy,
        fingerprint: f.fingerprint,
        trust: f.trust,
        trustRaised: outcome === 'trust-raised',
      });
  });

  // Instance tags.
  const tags = (entries(INSTANCE_TAGS, folder.instanceTags)?.entries ?? []).flatMap((t) => {
    const account = mapped(INSTANCE_TAGS, t.line, t.accountName, t.protocol);
    return account ? [{ account, tag: t.tag, line: t.line }] : [];
  });
  if (options.instanceTags === false) {
    for (const t of tags) skip(INSTANCE_TAGS, 'instance tags were not to be imported', t.line);
  } else {
    const stored = await store.addInstanceTags(tags);
    tags.forEach((t, i) => {
      if (stored[i]) report.instanceTags.push({ account: t.account, tag: t.tag });
      else
        skip(
          INSTANCE_TAGS,
          `Sotto already has an instance tag for ${accountKey(t.account)} (or an earlier line gave one)`,
          t.line,
        );
    });
  }
  return report;
}
