/**
 * For KeyStore's tests (app/keys): the accounts and fingerprints they use, and a
 * fresh store folder per test whose logger keeps what it was told.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AccountRef } from '../keys/account-refs';
import { KeyStore, type KeyStoreOptions } from '../keys/key-store';
import { STORE_FILES } from '../keys/store-files';

export const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
export const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };
export const FP1 = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
export const FP2 = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';

export interface KeyStoreFolder {
  /** This test's store folder. */
  readonly dir: string;
  /** What the store logged in this test, as `level message`. */
  readonly logs: string[];
  /** Opens the store in `dir`, logging into `logs`. */
  open(extra?: KeyStoreOptions): Promise<KeyStore>;
  /** The path of one of the store's files. */
  file(part: keyof typeof STORE_FILES): string;
}

/** Call at the top of a test file: a new folder and log for each test, the folder removed after it. */
export function useKeyStoreFolder(): KeyStoreFolder {
  let dir: string;
  let logs: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sotto-keystore-'));
    logs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const options = (extra: KeyStoreOptions = {}): KeyStoreOptions => ({
    logger: { log: (level, message) => logs.push(`${level} ${message}`) },
    ...extra,
  });
  return {
    get dir() {
      return dir;
    },
    get logs() {
      return logs;
    },
    open: (extra?: KeyStoreOptions) => KeyStore.open(dir, options(extra)),
    file: (part: keyof typeof STORE_FILES) => join(dir, STORE_FILES[part]),
  };
}

/** A file's permission bits. */
export const mode = (path: string) => statSync(path).mode & 0o777;
