import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { accountFromLibotr, type AccountRef } from './account-refs';
import { LibotrFormatError } from './errors';
import { fingerprintHex, KeyStore } from './key-store';
import { exportToLibotr } from './libotr-export';
import { formatLibotrFingerprints, parseLibotrFingerprints } from './libotr-fingerprints';
import { importFromLibotr } from './libotr-import';
import { formatLibotrInstanceTags, parseLibotrInstanceTags } from './libotr-instance-tags';
import { formatLibotrPrivateKeys, parseLibotrPrivateKeys } from './libotr-private-key';

const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };
const FP1 = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
const FP2 = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';
const FP3 = '0123456789abcdef0123456789abcdef01234567';

let root: string;
let purple: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sotto-libotr-io-'));
  purple = join(root, 'purple');
  mkdirSync(purple);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const openStore = (name = 'profile') => KeyStore.open(join(root, name));

/** A Pidgin profile: XMPP with a resource, IRC, and an AIM account Sotto has no use for. */
function writePidginProfile(): void {
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
    writePidginProfile();
    appendFileSync(join(purple, 'otr.fingerprints'), `/resource-only\talice@example.org\tprpl-jabber\t${FP3}\t\n`);
    const store = await openStore();
    const report = await importFromLibotr(store, purple);

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
    writePidginProfile();
    const store = await openStore();
    await store.addKeys([{ account: ALICE, key: BOB_KEY }]);
    const report = await importFromLibotr(store, purple);
    expect(report.keys.map((k) => k.account)).toEqual([ALICE_IRC]);
    expect(report.skipped).toContainEqual({
      file: 'otr.private_key',
      line: 2,
      reason: expect.stringContaining('already has a different key for xmpp:alice@example.org; it was kept'),
    });
    expect(store.privateKey(ALICE)?.x).toBe(BOB_KEY.x);

    const again = await importFromLibotr(store, purple, { replaceKeys: true });
    expect(again.keys).toContainEqual(expect.objectContaining({ account: ALICE, replaced: true }));
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
  });

  it('never lowers trust Sotto has, and raises it where libotr knows more', async () => {
    writePidginProfile();
    const store = await openStore();
    await store.setTrust(ALICE_IRC, 'dave', FP3, 'verified-smp');
    await store.recordFingerprint(ALICE, 'bob@example.org', FP1);
    const report = await importFromLibotr(store, purple);
    expect(store.checkFingerprint(ALICE_IRC, 'dave', FP3)).toBe('verified');
    expect(store.fingerprintsOf(ALICE, 'bob@example.org')[0]?.trust).toBe('verified-smp');
    expect(report.fingerprints.find((f) => f.buddy === 'bob@example.org')?.trustRaised).toBe(true);
  });

  it('takes instance tags only for accounts without one, or none when told', async () => {
    writePidginProfile();
    const store = await openStore();
    const own = await store.ensureInstanceTag(ALICE);
    const report = await importFromLibotr(store, purple);
    expect(store.instanceTag(ALICE)).toBe(own);
    expect(report.instanceTags).toEqual([{ account: ALICE_IRC, tag: 0x9abcdef0 }]);

    const other = await openStore('other');
    const none = await importFromLibotr(other, purple, { instanceTags: false });
    expect(none.instanceTags).toEqual([]);
    expect(other.instanceTags()).toEqual([]);
  });

  it('reports missing and malformed files, importing what the others hold', async () => {
    writeFileSync(join(purple, 'otr.private_key'), '(privkeys\n (account (name "a")');
    writeFileSync(join(purple, 'otr.instance_tags'), 'x@y\tprpl-irc\t00000100\n');
    const store = await openStore();
    const report = await importFromLibotr(store, purple);
    expect(report.missing).toEqual(['otr.fingerprints']);
    expect(report.skipped).toEqual([
      { file: 'otr.private_key', line: 2, reason: expect.stringContaining('never closed') },
    ]);
    expect(report.instanceTags).toEqual([{ account: { protocol: 'irc', account: 'x@y' }, tag: 0x100 }]);
  });

  it('imports nothing into a store with a damaged file', async () => {
    writePidginProfile();
    mkdirSync(join(root, 'profile'));
    writeFileSync(join(root, 'profile', 'otr-private-keys.json'), '{');
    const store = await openStore();
    await expect(importFromLibotr(store, purple)).rejects.toMatchObject({ problem: 'corrupt' });
    expect(readdirSync(join(root, 'profile'))).toEqual(['otr-private-keys.json']);
  });
});

describe('exportToLibotr', () => {
  async function populated(): Promise<KeyStore> {
    const store = await openStore();
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
    const out = join(root, 'export');
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
    await exportToLibotr(store, purple);
    const other = await openStore('other');
    const report = await importFromLibotr(other, purple);
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
    writePidginProfile();
    const store = await populated();
    await store.addKeys([{ account: ALICE, key: BOB_KEY }], { replace: true });
    const report = await exportToLibotr(store, purple, {
      accounts: [ALICE],
      accountName: () => 'Alice@Example.org/Pidgin',
    });
    expect(report.exported).toEqual({ keys: 1, fingerprints: 2, instanceTags: 1 });
    expect(report.kept).toEqual({ keys: 2, fingerprints: 3, instanceTags: 1 });

    const keys = parseLibotrPrivateKeys(readFileSync(join(purple, 'otr.private_key'))).keys;
    expect(keys.map((k) => [k.accountName, k.protocol, k.key.x])).toEqual([
      ['alice@irc.example.org', 'prpl-irc', BOB_KEY.x],
      ['alice_aim', 'prpl-aim', BOB_KEY.x],
      ['Alice@Example.org/Pidgin', 'prpl-jabber', BOB_KEY.x],
    ]);
    const prints = parseLibotrFingerprints(readFileSync(join(purple, 'otr.fingerprints'))).entries;
    expect(prints.map((f) => [f.username, f.accountName, f.trust])).toEqual([
      ['carol@example.org/phone', 'Alice@Example.org/Pidgin', 'verified'],
      ['dave', 'alice@irc.example.org', ''],
      ['erin', 'alice_aim', 'verified'],
      ['bob@example.org', 'Alice@Example.org/Pidgin', 'smp'],
      ['carol@example.org', 'Alice@Example.org/Pidgin', 'verified'],
    ]);
    const tags = parseLibotrInstanceTags(readFileSync(join(purple, 'otr.instance_tags'))).entries;
    expect(tags.map((t) => [t.accountName, t.tag])).toEqual([
      ['alice@irc.example.org', 0x9abcdef0],
      ['Alice@Example.org/Pidgin', 0x12345678],
    ]);
  });

  it('refuses to touch a folder whose libotr file it cannot read', async () => {
    const store = await populated();
    writeFileSync(join(purple, 'otr.private_key'), '(privkeys (account');
    writeFileSync(join(purple, 'otr.fingerprints'), 'kept as it is');
    const error = await exportToLibotr(store, purple).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibotrFormatError);
    expect((error as Error).message).toMatch(/^otr.private_key, line 1: .*nothing was exported/);
    expect(readFileSync(join(purple, 'otr.private_key'), 'utf8')).toBe('(privkeys (account');
    expect(readdirSync(purple).sort()).toEqual(['otr.fingerprints', 'otr.private_key']);
  });

  it('refuses names libotr’s files cannot hold, before writing anything', async () => {
    const store = await populated();
    await expect(exportToLibotr(store, purple, { accountName: () => 'tab\there' })).rejects.toThrow(/tab/);
    expect(readdirSync(purple)).toEqual([]);
  });
});
