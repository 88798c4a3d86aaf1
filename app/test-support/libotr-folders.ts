/**
 * For the tests of libotr import and export (app/keys): the accounts and
 * fingerprints they use, a fresh folder per test for Sotto profiles and a
 * libotr folder, and a Pidgin profile to import from.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import type { AccountRef } from '../keys/account-refs';
import { KeyStore } from '../keys/key-store';
import { formatLibotrFingerprints } from '../keys/libotr-fingerprints';
import { formatLibotrInstanceTags } from '../keys/libotr-instance-tags';
import { formatLibotrPrivateKeys } from '../keys/libotr-private-key';

export const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
export const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };
export const FP1 = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
export const FP2 = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';
export const FP3 = '0123456789abcdef0123456789abcdef01234567';

export interface LibotrFolders {
  /** This test's temporary folder: Sotto profiles and `purple` are in it. */
  readonly root: string;
  /** An empty libotr folder, as Pidgin's ~/.purple. */
  readonly purple: string;
  /** The key store of the Sotto profile `root/<name>`. */
  openStore(name?: string): Promise<KeyStore>;
}

/** Call at the top of a test file: a new `root` with an empty `purple` for each test, removed after it. */
export function useLibotrFolders(): LibotrFolders {
  let root: string;
  let purple: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sotto-libotr-io-'));
    purple = join(root, 'purple');
    mkdirSync(purple);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  return {
    get root() {
      return root;
    },
    get purple() {
      return purple;
    },
    openStore: (name = 'profile') => KeyStore.open(join(root, name)),
  };
}

/** A Pidgin profile: XMPP with a resource, IRC, and an AIM account Sotto has no use for. */
export function writePidginProfile(purple: string): void {
  writeFileSync(
    join(purple, 'otr.private_key'),
    formatLibotrPrivateKeys([
      { accountName: 'Alice@Example.org/Pidgin', protocol: 'prpl-jabber', key: ALICE_KEY },
      { accountName: 'alice@irc.example.org', protocol: 'prpl-irc', key: BOB_KEY },
      { accountName: 'alice_aim', protocol: 'prpl-aim', key: BOB_KEY },
    ]),
  );
  writeFileSync(
    join(purple, 'otr.fingerprints'),
    formatLibotrFingerprints([
      {
        username: 'bob@example.org',
        accountName: 'Alice@Example.org/Pidgin',
        protocol: 'prpl-jabber',
        fingerprint: FP1,
        trust: 'smp',
      },
      {
        username: 'carol@example.org/phone',
        accountName: 'Alice@Example.org/Pidgin',
        protocol: 'prpl-jabber',
        fingerprint: FP2,
        trust: 'verified',
      },
      { username: 'dave', accountName: 'alice@irc.example.org', protocol: 'prpl-irc', fingerprint: FP3, trust: '' },
      { username: 'erin', accountName: 'alice_aim', protocol: 'prpl-aim', fingerprint: FP3, trust: 'verified' },
    ]) + 'a broken line\n',
  );
  writeFileSync(
    join(purple, 'otr.instance_tags'),
    formatLibotrInstanceTags([
      { accountName: 'Alice@Example.org/Pidgin', protocol: 'prpl-jabber', tag: 0x12345678 },
      { accountName: 'alice@irc.example.org', protocol: 'prpl-irc', tag: 0x9abcdef0 },
    ]),
  );
}
