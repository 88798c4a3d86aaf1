/**
 * Importing libotr's files (Pidgin's ~/.purple) into a Sotto profile, and the
 * libotr account names that map to Sotto accounts. Export: libotr-export.test.ts.
 */
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { ALICE, ALICE_IRC, FP1, FP2, FP3, useLibotrFolders, writePidginProfile } from '../test-support/libotr-folders';
import { accountFromLibotr } from './account-refs';
import { fingerprintHex } from './key-store';
import { importFromLibotr } from './libotr-import';

const dirs = useLibotrFolders();

describe('accountFromLibotr', () => {
  it.each([
    ['alice@example.org/Pidgin', 'prpl-jabber', { protocol: 'xmpp', account: 'alice@example.org' }],
    ['alice@example.org/', 'prpl-jabber', { protocol: 'xmpp', account: 'alice@example.org' }],
    ['Alice@Example.ORG', 'prpl-jabber', { protocol: 'xmpp', account: 'alice@example.org' }],
    ['Alice@irc.libera.chat', 'prpl-irc', { protocol: 'irc', account: 'alice@irc.libera.chat' }],
    ['alice', 'prpl-irc', { skip: expect.stringContaining('nick@server') }],
    ['example.org', 'prpl-jabber', { skip: expect.stringContaining('XMPP address') }],
    ['alice', 'prpl-aim', { skip: 'Sotto has no prpl-aim accounts (only prpl-jabber and prpl-irc)' }],
  ])('maps %j (%s)', (name, protocol, expected) => {
    expect(accountFromLibotr(name, protocol)).toEqual(expected);
  });
});

describe('importFromLibotr', () => {
  it('takes the keys, trust and tags of Sotto’s protocols, and says what it skipped and why', async () => {
    writePidginProfile(dirs.purple);
    appendFileSync(join(dirs.purple, 'otr.fingerprints'), `/resource-only\talice@example.org\tprpl-jabber\t${FP3}\t\n`);
    const store = await dirs.openStore();
    const report = await importFromLibotr(store, dirs.purple);

    expect(report.keys).toEqual([
      {
        account: ALICE,
        libotrName: 'Alice@Example.org/Pidgin',
        fingerprint: fingerprintHex(ALICE_KEY),
        replaced: false,
      },
      {
        account: ALICE_IRC,
        libotrName: 'alice@irc.example.org',
        fingerprint: fingerprintHex(BOB_KEY),
        replaced: false,
      },
    ]);
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(report.fingerprints.map((f) => [f.account.protocol, f.buddy, f.trust])).toEqual([
      ['xmpp', 'bob@example.org', 'verified-smp'],
      ['xmpp', 'carol@example.org', 'verified-manually'],
      ['irc', 'dave', 'unverified'],
    ]);
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP1)).toBe('verified');
    expect(store.checkFingerprint(ALICE, 'carol@example.org', FP2)).toBe('verified');
    expect(store.checkFingerprint(ALICE_IRC, 'dave', FP3)).toBe('known-unverified');
    expect(report.instanceTags).toEqual([
      { account: ALICE, tag: 0x12345678 },
      { account: ALICE_IRC, tag: 0x9abcdef0 },
    ]);
    expect(report.skipped).toEqual([
      { file: 'otr.private_key', line: 28, reason: 'Sotto has no prpl-aim accounts (only prpl-jabber and prpl-irc)' },
      { file: 'otr.fingerprints', line: 5, reason: '1 tab-separated field; a fingerprint line has 4 or 5' },
      { file: 'otr.fingerprints', line: 4, reason: 'Sotto has no prpl-aim accounts (only prpl-jabber and prpl-irc)' },
      { file: 'otr.fingerprints', line: 6, reason: '"/resource-only" names no buddy once its resource is dropped' },
    ]);
    expect(report.missing).toEqual([]);
  });

  it('keeps a different key Sotto already has, unless asked to replace it', async () => {
    writePidginProfile(dirs.purple);
    const store = await dirs.openStore();
    await store.addKeys([{ account: ALICE, key: BOB_KEY }]);
    const report = await importFromLibotr(store, dirs.purple);
    expect(report.keys.map((k) => k.account)).toEqual([ALICE_IRC]);
    expect(report.skipped).toContainEqual({
      file: 'otr.private_key',
      line: 2,
      reason: expect.stringContaining('already has a different key for xmpp:alice@example.org; it was kept'),
    });
    expect(store.privateKey(ALICE)?.x).toBe(BOB_KEY.x);

    const again = await importFromLibotr(store, dirs.purple, { replaceKeys: true });
    expect(again.keys).toContainEqual(expect.objectContaining({ account: ALICE, replaced: true }));
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
  });

  it('never lowers trust Sotto has, and raises it where libotr knows more', async () => {
    writePidginProfile(dirs.purple);
    const store = await dirs.openStore();
    await store.setTrust(ALICE_IRC, 'dave', FP3, 'verified-smp');
    await store.recordFingerprint(ALICE, 'bob@example.org', FP1);
    const report = await importFromLibotr(store, dirs.purple);
    expect(store.checkFingerprint(ALICE_IRC, 'dave', FP3)).toBe('verified');
    expect(store.fingerprintsOf(ALICE, 'bob@example.org')[0]?.trust).toBe('verified-smp');
    expect(report.fingerprints.find((f) => f.buddy === 'bob@example.org')?.trustRaised).toBe(true);
  });

  it('takes instance tags only for accounts without one, or none when told', async () => {
    writePidginProfile(dirs.purple);
    const store = await dirs.openStore();
    const own = await store.ensureInstanceTag(ALICE);
    const report = await importFromLibotr(store, dirs.purple);
    expect(store.instanceTag(ALICE)).toBe(own);
    expect(report.instanceTags).toEqual([{ account: ALICE_IRC, tag: 0x9abcdef0 }]);

    const other = await dirs.openStore('other');
    const none = await importFromLibotr(other, dirs.purple, { instanceTags: false });
    expect(none.instanceTags).toEqual([]);
    expect(other.instanceTags()).toEqual([]);
  });

  it('reports missing and malformed files, importing what the others hold', async () => {
    writeFileSync(join(dirs.purple, 'otr.private_key'), '(privkeys\n (account (name "a")');
    writeFileSync(join(dirs.purple, 'otr.instance_tags'), 'x@y\tprpl-irc\t00000100\n');
    const store = await dirs.openStore();
    const report = await importFromLibotr(store, dirs.purple);
    expect(report.missing).toEqual(['otr.fingerprints']);
    expect(report.skipped).toEqual([
      { file: 'otr.private_key', line: 2, reason: expect.stringContaining('never closed') },
    ]);
    expect(report.instanceTags).toEqual([{ account: { protocol: 'irc', account: 'x@y' }, tag: 0x100 }]);
  });

  it('imports nothing into a store with a damaged file', async () => {
    writePidginProfile(dirs.purple);
    mkdirSync(join(dirs.root, 'profile'));
    writeFileSync(join(dirs.root, 'profile', 'otr-private-keys.json'), '{');
    const store = await dirs.openStore();
    await expect(importFromLibotr(store, dirs.purple)).rejects.toMatchObject({ problem: 'corrupt' });
    expect(readdirSync(join(dirs.root, 'profile'))).toEqual(['otr-private-keys.json']);
  });
});
