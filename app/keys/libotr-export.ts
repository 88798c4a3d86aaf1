/**
 * Export to libotr's files, so the same identity and the same verified buddies
 * work in Pidgin (or anything on libotr): otr.private_key, otr.fingerprints and
 * otr.instance_tags, each written atomically with mode 0600.
 *
 * Into a folder that already holds libotr files (a Pidgin profile), the export
 * merges: entries of other accounts stay, entries of the exported accounts are
 * replaced by Sotto's (a buddy fingerprint only libotr knows is kept). A libotr
 * file there that cannot be read makes the export refuse before writing anything,
 * since rewriting it would lose what it holds.
 *
 * OTRv4 keys and buddies' OTRv4 fingerprints are not exported: libotr 4.1.1
 * speaks OTRv3 only, and its fingerprint file holds 20-byte (40 hex digit) ones. The
 * report counts the fingerprints left out, so the user is told.
 *
 * Account names: a key imported from libotr goes back under the name it had there
 * ("alice@example.org/Pidgin"); otherwise the Sotto account (bare JID, nick@server),
 * unless `accountName` says otherwise.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  accountKey,
  defaultLibotrAccountName,
  LIBOTR_PROTOCOL_IDS,
  sameAccount,
  type AccountRef,
} from './account-refs';
import { writeFileAtomic } from '../storage/atomic-file';
import { LibotrFormatError } from './errors';
import type { KeyStore } from './key-store';
import { formatLibotrFingerprints, type LibotrFingerprint } from './libotr-fingerprints';
import {
  FINGERPRINTS_FILE,
  INSTANCE_TAGS_FILE,
  PRIVATE_KEY_FILE,
  readLibotrFolder,
  type FileRead,
} from './libotr-folder';
import { formatLibotrInstanceTags, type LibotrInstanceTag } from './libotr-instance-tags';
import { formatLibotrPrivateKeys, type LibotrPrivateKey } from './libotr-private-key';
import { fingerprintVersion, trustToLibotr } from './trust';

export interface LibotrExportOptions {
  /** Only these accounts; default every account with a key, a tag or a known fingerprint. */
  accounts?: readonly AccountRef[];
  /** The account's name in libotr's files; default as described above. */
  accountName?: (account: AccountRef) => string;
}

export interface LibotrExportReport {
  dir: string;
  /** Full paths written. */
  files: string[];
  exported: { keys: number; fingerprints: number; instanceTags: number };
  /** Entries of other accounts that were already in the folder and stay. */
  kept: { keys: number; fingerprints: number; instanceTags: number };
  /** What libotr cannot hold and was left out: buddies' OTRv4 fingerprints. */
  skipped: { v4Fingerprints: number };
}

function existing<T>(read: FileRead<T>): T | undefined {
  if (read.state === 'error') {
    throw new LibotrFormatError(
      read.error.file,
      read.error.line,
      `${read.error.reason}; Sotto will not overwrite a libotr file it cannot read, so nothing was exported`,
    );
  }
  return read.state === 'ok' ? read.value : undefined;
}

export async function exportToLibotr(
  store: KeyStore,
  dir: string,
  options: LibotrExportOptions = {},
): Promise<LibotrExportReport> {
  const [blocked] = store.problems();
  if (blocked) throw blocked;
  const target = resolve(dir);
  const keys = store.ownKeys();
  const [prints, v4Prints] = partition(store.knownFingerprints(), (f) => fingerprintVersion(f.fingerprint) === 3);
  const ours = (a: AccountRef) => !options.accounts || options.accounts.some((b) => sameAccount(a, b));
  const nameOf = (a: AccountRef) =>
    options.accountName?.(a) ?? keys.find((k) => sameAccount(k.account, a))?.libotrName ?? defaultLibotrAccountName(a);
  const protocolOf = (a: AccountRef) => LIBOTR_PROTOCOL_IDS[a.protocol];

  const newKeys: LibotrPrivateKey[] = keys
    .filter((k) => ours(k.account))
    .map((k) => {
      const key = store.privateKey(k.account);
      if (!key) throw new Error(`the key of ${accountKey(k.account)} vanished during the export`);
      return { accountName: nameOf(k.account), protocol: protocolOf(k.account), key };
    });
  const newPrints: LibotrFingerprint[] = prints
    .filter((f) => ours(f.account))
    .map((f) => ({
      username: f.buddy,
      accountName: nameOf(f.account),
      protocol: protocolOf(f.account),
      fingerprint: f.fingerprint,
      trust: trustToLibotr(f.trust),
    }));
  const newTags: LibotrInstanceTag[] = store
    .instanceTags()
    .filter((t) => ours(t.account))
    .map((t) => ({ accountName: nameOf(t.account), protocol: protocolOf(t.account), tag: t.tag }));

  // Merge with what the folder holds; refuse (before writing) if a file there is unreadable.
  const folder = await readLibotrFolder(target);
  const accountId = (e: { accountName: string; protocol: string }) => JSON.stringify([e.accountName, e.protocol]);
  const printId = (f: LibotrFingerprint) => JSON.stringify([f.username, f.accountName, f.protocol, f.fingerprint]);
  const notIn = <T>(replacing: readonly T[], id: (e: T) => string) => {
    const ids = new Set(replacing.map(id));
    return (e: T) => !ids.has(id(e));
  };
  const keptKeys = (existing(folder.privateKeys)?.keys ?? []).filter(notIn<LibotrPrivateKey>(newKeys, accountId));
  const keptPrints = (existing(folder.fingerprints)?.entries ?? []).filter(
    notIn<LibotrFingerprint>(newPrints, printId),
  );
  const keptTags = (existing(folder.instanceTags)?.entries ?? []).filter(notIn<LibotrInstanceTag>(newTags, accountId));
  const strip = <T extends { line: number }>({ line: _line, ...rest }: T) => rest;

  // Formatting throws on names libotr cannot hold, before anything is written.
  const files: [string, string | Uint8Array][] = [
    [PRIVATE_KEY_FILE, formatLibotrPrivateKeys([...keptKeys.map(strip), ...newKeys])],
    [FINGERPRINTS_FILE, formatLibotrFingerprints([...keptPrints.map(strip), ...newPrints])],
    [INSTANCE_TAGS_FILE, formatLibotrInstanceTags([...keptTags.map(strip), ...newTags])],
  ];
  await mkdir(target, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  for (const [name, data] of files) {
    const path = join(target, name);
    await writeFileAtomic(path, data);
    written.push(path);
  }
  return {
    dir: target,
    files: written,
    exported: { keys: newKeys.length, fingerprints: newPrints.length, instanceTags: newTags.length },
    kept: { keys: keptKeys.length, fingerprints: keptPrints.length, instanceTags: keptTags.length },
    skipped: { v4Fingerprints: v4Prints.filter((f) => ours(f.account)).length },
  };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
