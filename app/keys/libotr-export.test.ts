/**
 * Exporting a Sotto profile to libotr's files: written fresh, round-tripped,
 * merged into a Pidgin profile, or refused. Import: libotr-import.test.ts.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { ALICE, ALICE_IRC, FP1, FP2, FP3, useLibotrFolders, writePidginProfile } from '../test-support/libotr-folders';
import { LibotrFormatError } from './errors';
import type { KeyStore } from './key-store';
import { exportToLibotr } from './libotr-export';
import { parseLibotrFingerprints } from './libotr-fingerprints';
import { importFromLibotr } from './libotr-import';
import { parseLibotrInstanceTags } from './libotr-instance-tags';
import { parseLibotrPrivateKeys } from './libotr-private-key';

const dirs = useLibotrFolders();

describe('exportToLibotr', () => {
  async function populated(): Promise<KeyStore> {
    const store = await dirs.openStore();
    await store.addKeys([
      { account: ALICE, key: ALICE_KEY, libotrName: 'alice@example.org/Pidgin' },
      { account: ALICE_IRC, key: BOB_KEY },
    ]);
    await store.setTrust(ALICE, 'bob@example.org', FP1, 'verified-smp');
    await store.setTrust(ALICE, 'carol@example.org', FP2, 'verified-manually');
    await store.recordFingerprint(ALICE_IRC, 'dave', FP3);
    await store.addInstanceTags([{ account: ALICE, tag: 0x12345678 }]);
    await store.ensureInstanceTag(ALICE_IRC);
    return store;
  }

  it('writes libotr’s three files, mode 0600, under the names libotr knew', async () => {
    const store = await populated();
    const out = join(dirs.root, 'export');
    const report = await exportToLibotr(store, out);
    expect(report.exported).toEqual({ keys: 2, fingerprints: 3, instanceTags: 2 });
    for (const path of report.files) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o700);

    const keys = parseLibotrPrivateKeys(readFileSync(join(out, 'otr.private_key'))).keys;
    expect(keys.map((k) => [k.accountName, k.protocol, k.key.x])).toEqual([
      ['alice@example.org/Pidgin', 'prpl-jabber', ALICE_KEY.x],
      ['alice@irc.example.org', 'prpl-irc', BOB_KEY.x],
    ]);
    expect(readFileSync(join(out, 'otr.fingerprints'), 'utf8')).toBe(
      [
        `bob@example.org\talice@example.org/Pidgin\tprpl-jabber\t${FP1}\tsmp`,
        `carol@example.org\talice@example.org/Pidgin\tprpl-jabber\t${FP2}\tverified`,
        `dave\talice@irc.example.org\tprpl-irc\t${FP3}\t`,
        '',
      ].join('\n'),
    );
    const tags = parseLibotrInstanceTags(readFileSync(join(out, 'otr.instance_tags'))).entries;
    expect(tags.map((t) => [t.accountName, t.tag])).toEqual([
      ['alice@example.org/Pidgin', 0x12345678],
      ['alice@irc.example.org', store.instanceTag(ALICE_IRC)],
    ]);
  });

  it('round-trips through libotr’s files into another Sotto profile', async () => {
    const store = await populated();
    await exportToLibotr(store, dirs.purple);
    const other = await dirs.openStore('other');
    const report = await importFromLibotr(other, dirs.purple);
    expect(report.skipped).toEqual([]);
    expect(other.ownKeys().map((k) => [k.account, k.fingerprint])).toEqual(
      store.ownKeys().map((k) => [k.account, k.fingerprint]),
    );
    expect(other.knownFingerprints().map((f) => [f.account, f.buddy, f.fingerprint, f.trust])).toEqual(
      store.knownFingerprints().map((f) => [f.account, f.buddy, f.fingerprint, f.trust]),
    );
    expect(other.instanceTags()).toEqual(store.instanceTags());
  });

  it('merges into a Pidgin profile: other accounts stay, the exported account’s entries are replaced, unknown buddies kept', async () => {
    writePidginProfile(dirs.purple);
    const store = await populated();
    await store.addKeys([{ account: ALICE, key: BOB_KEY }], { replace: true });
    const report = await exportToLibotr(store, dirs.purple, {
      accounts: [ALICE],
      accountName: () => 'Alice@Example.org/Pidgin',
    });
    expect(report.exported).toEqual({ keys: 1, fingerprints: 2, instanceTags: 1 });
    expect(report.kept).toEqual({ keys: 2, fingerprints: 3, instanceTags: 1 });

    const keys = parseLibotrPrivateKeys(readFileSync(join(dirs.purple, 'otr.private_key'))).keys;
    expect(keys.map((k) => [k.accountName, k.protocol, k.key.x])).toEqual([
      ['alice@irc.example.org', 'prpl-irc', BOB_KEY.x],
      ['alice_aim', 'prpl-aim', BOB_KEY.x],
      ['Alice@Example.org/Pidgin', 'prpl-jabber', BOB_KEY.x],
    ]);
    const prints = parseLibotrFingerprints(readFileSync(join(dirs.purple, 'otr.fingerprints'))).entries;
    expect(prints.map((f) => [f.username, f.accountName, f.trust])).toEqual([
      ['carol@example.org/phone', 'Alice@Example.org/Pidgin', 'verified'],
      ['dave', 'alice@irc.example.org', ''],
      ['erin', 'alice_aim', 'verified'],
      ['bob@example.org', 'Alice@Example.org/Pidgin', 'smp'],
      ['carol@example.org', 'Alice@Example.org/Pidgin', 'verified'],
    ]);
    const tags = parseLibotrInstanceTags(readFileSync(join(dirs.purple, 'otr.instance_tags'))).entries;
    expect(tags.map((t) => [t.accountName, t.tag])).toEqual([
      ['alice@irc.example.org', 0x9abcdef0],
      ['Alice@Example.org/Pidgin', 0x12345678],
    ]);
  });

  it('leaves out OTRv4 fingerprints, which libotr cannot read, and counts them', async () => {
    const store = await populated();
    const v4 = 'ab'.repeat(56);
    await store.setTrust(ALICE, 'bob@example.org', v4, 'verified-smp');
    await store.recordFingerprint(ALICE_IRC, 'dave', 'cd'.repeat(56));
    const report = await exportToLibotr(store, dirs.purple);
    expect(report.exported).toEqual({ keys: 2, fingerprints: 3, instanceTags: 2 });
    expect(report.skipped).toEqual({ v4Fingerprints: 2 });
    const text = readFileSync(join(dirs.purple, 'otr.fingerprints'), 'utf8');
    expect(text).not.toContain(v4);
    expect(parseLibotrFingerprints(Buffer.from(text)).skipped).toEqual([]);
    expect((await exportToLibotr(store, dirs.purple, { accounts: [ALICE_IRC] })).skipped).toEqual({
      v4Fingerprints: 1,
    });
  });

  it('refuses to touch a folder whose libotr file it cannot read', async () => {
    const store = await populated();
    writeFileSync(join(dirs.purple, 'otr.private_key'), '(privkeys (account');
    writeFileSync(join(dirs.purple, 'otr.fingerprints'), 'kept as it is');
    const error = await exportToLibotr(store, dirs.purple).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibotrFormatError);
    expect((error as Error).message).toMatch(/^otr.private_key, line 1: .*nothing was exported/);
    expect(readFileSync(join(dirs.purple, 'otr.private_key'), 'utf8')).toBe('(privkeys (account');
    expect(readdirSync(dirs.purple).sort()).toEqual(['otr.fingerprints', 'otr.private_key']);
  });

  it('refuses names libotr’s files cannot hold, before writing anything', async () => {
    const store = await populated();
    await expect(exportToLibotr(store, dirs.purple, { accountName: () => 'tab\there' })).rejects.toThrow(/tab/);
    expect(readdirSync(dirs.purple)).toEqual([]);
  });
});
