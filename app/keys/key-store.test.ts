import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import type { AccountRef } from './account-refs';
import { writeFileAtomic } from '../storage/atomic-file';
import { KeyStoreFileError } from './errors';
import { fingerprintHex, KeyStore, type KeyStoreOptions } from './key-store';
import { STORE_FILES } from './store-files';

const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };
const FP1 = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
const FP2 = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';

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
const open = (extra?: KeyStoreOptions) => KeyStore.open(dir, options(extra));
const file = (part: keyof typeof STORE_FILES) => join(dir, STORE_FILES[part]);
const mode = (path: string) => statSync(path).mode & 0o777;

describe('KeyStore: fingerprints and trust', () => {
  it('says new, then known-unverified, then verified, and changed for another key of a known buddy', async () => {
    const store = await open();
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP1)).toBe('new');
    expect(await store.recordFingerprint(ALICE, 'bob@example.org', FP1)).toBe('new');
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP1)).toBe('known-unverified');
    await store.setTrust(ALICE, 'bob@example.org', FP1, 'verified-smp');
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP1)).toBe('verified');

    // Another key for bob: loud, and never trusted by being seen.
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP2)).toBe('changed');
    expect(await store.recordFingerprint(ALICE, 'bob@example.org', FP2)).toBe('changed');
    expect(store.fingerprintsOf(ALICE, 'bob@example.org').map((f) => [f.fingerprint, f.trust])).toEqual([
      [FP1, 'verified-smp'],
      [FP2, 'unverified'],
    ]);
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP2)).toBe('known-unverified');
    expect(logs).toContainEqual(
      expect.stringMatching(/^warn the fingerprint of bob@example.org \(xmpp:alice@example.org\) changed to dcc16db6/),
    );
  });

  it('keeps trust apart per account and per buddy', async () => {
    const store = await open();
    await store.setTrust(ALICE, 'bob@example.org', FP1, 'verified-manually');
    expect(store.checkFingerprint(ALICE_IRC, 'bob@example.org', FP1)).toBe('new');
    expect(store.checkFingerprint(ALICE, 'carol@example.org', FP1)).toBe('new');
  });

  it('treats spellings of one buddy as one: XMPP case and resource, IRC nick case', async () => {
    const store = await open();
    await store.setTrust(ALICE, 'Bob@Example.org/laptop', FP1, 'verified-manually');
    expect(store.checkFingerprint(ALICE, 'bob@example.org', FP1)).toBe('verified');
    await store.setTrust(ALICE_IRC, 'Bob', FP1, 'verified-manually');
    expect(store.checkFingerprint(ALICE_IRC, 'bob', FP1)).toBe('verified');
  });

  it('accepts fingerprints as bytes, hex or the five groups users read, and refuses anything else', async () => {
    const store = await open();
    await store.setTrust(ALICE, 'bob', FP1.toUpperCase().match(/.{8}/g)!.join(' '), 'verified-manually');
    expect(store.checkFingerprint(ALICE, 'bob', Buffer.from(FP1, 'hex'))).toBe('verified');
    expect(() => store.checkFingerprint(ALICE, 'bob', 'abc')).toThrow(RangeError);
  });

  it('lowers trust back to unverified and forgets fingerprints', async () => {
    const store = await open();
    await store.setTrust(ALICE, 'bob', FP1, 'verified-smp');
    await store.setTrust(ALICE, 'bob', FP1, 'unverified');
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('known-unverified');
    await store.recordFingerprint(ALICE, 'bob', FP2);
    expect(await store.forget(ALICE, 'bob', FP1)).toBe(1);
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('changed');
    expect(await store.forget(ALICE, 'bob')).toBe(1);
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('new');
  });

  it('keeps everything across a restart', async () => {
    const store = await open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    await store.setTrust(ALICE, 'bob', FP1, 'verified-smp');
    const tag = await store.ensureInstanceTag(ALICE);
    const again = await open();
    expect(again.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(again.checkFingerprint(ALICE, 'bob', FP1)).toBe('verified');
    expect(again.instanceTag(ALICE)).toBe(tag);
    expect(await again.ensureInstanceTag(ALICE)).toBe(tag);
    expect(tag).toBeGreaterThanOrEqual(0x100);
  });
});

describe('KeyStore: files', () => {
  it('writes every file with mode 0600 in a 0700 folder', async () => {
    const profile = join(dir, 'profile');
    const store = await KeyStore.open(profile);
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    await store.recordFingerprint(ALICE, 'bob', FP1);
    await store.ensureInstanceTag(ALICE);
    expect(mode(profile)).toBe(0o700);
    for (const name of Object.values(STORE_FILES)) expect(mode(join(profile, name))).toBe(0o600);
  });

  it('serializes concurrent saves: every change lands, in the file too', async () => {
    const store = await open();
    const buddies = Array.from({ length: 40 }, (_, i) => `buddy${i}@example.org`);
    await Promise.all(
      buddies.map((b, i) =>
        i % 2 ? store.setTrust(ALICE, b, FP1, 'verified-smp') : store.recordFingerprint(ALICE, b, FP2),
      ),
    );
    expect(store.knownFingerprints()).toHaveLength(40);
    expect((await open()).knownFingerprints()).toHaveLength(40);
  });

  it('changes nothing, in memory or on disk, when a save fails midway', async () => {
    const crash = new Error('disk gone');
    let failing = false;
    const store = await open({
      writeFile: (path, data) =>
        writeFileAtomic(path, data, {
          beforeRename: () => {
            if (failing) throw crash;
          },
        }),
    });
    await store.setTrust(ALICE, 'bob', FP1, 'verified-smp');
    const before = readFileSync(file('fingerprints'));
    failing = true;
    await expect(store.setTrust(ALICE, 'bob', FP1, 'unverified')).rejects.toBe(crash);
    await expect(store.recordFingerprint(ALICE, 'carol', FP2)).rejects.toBe(crash);
    expect(readFileSync(file('fingerprints'))).toEqual(before);
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('verified');
    expect(store.checkFingerprint(ALICE, 'carol', FP2)).toBe('new');
    expect(readdirSync(dir)).toEqual([STORE_FILES.fingerprints]);
    failing = false;
    await store.setTrust(ALICE, 'bob', FP1, 'unverified');
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('known-unverified');
  });

  it('removes temp files an interrupted save left, when it opens', async () => {
    writeFileSync(join(dir, `.${STORE_FILES.keys}.tmp-0123456789ab`), 'half a key');
    await open();
    expect(readdirSync(dir)).toEqual([]);
    expect(logs).toContainEqual(expect.stringContaining('removed 1 temp file(s)'));
  });

  it('makes a store file that others can read private again, and says so', async () => {
    const store = await open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    const { chmodSync } = await import('node:fs');
    chmodSync(file('keys'), 0o644);
    await open();
    expect(mode(file('keys'))).toBe(0o600);
    expect(logs).toContainEqual(expect.stringContaining('was readable by other users'));
  });
});

describe('KeyStore: a damaged file is never overwritten', () => {
  const damaged = '{"format": "sotto-otr-fingerprints", "version": 1, "fingerprints": [ {"account": ';

  it('opens anyway, names the file, and refuses to read or save that part', async () => {
    writeFileSync(file('fingerprints'), damaged);
    const store = await open();
    const [problem] = store.problems();
    expect(problem).toBeInstanceOf(KeyStoreFileError);
    expect(problem).toMatchObject({ file: file('fingerprints'), problem: 'corrupt' });
    expect(problem?.message).toContain(file('fingerprints'));
    expect(() => store.checkFingerprint(ALICE, 'bob', FP1)).toThrow(problem);
    await expect(store.recordFingerprint(ALICE, 'bob', FP1)).rejects.toBe(problem);
    await expect(store.setTrust(ALICE, 'bob', FP1, 'verified-smp')).rejects.toBe(problem);
    expect(readFileSync(file('fingerprints'), 'utf8')).toBe(damaged);
    // The other parts work.
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    expect(store.privateKey(ALICE)).toBeDefined();
    expect(logs).toContainEqual(
      expect.stringContaining(
        `error Sotto will not use or overwrite the damaged key store file ${file('fingerprints')}`,
      ),
    );
  });

  it.each([
    ['empty', '', 'not valid JSON'],
    ['another format', '{"format": "something", "version": 1}', 'not a Sotto fingerprints file'],
    [
      'a bad entry',
      '{"format": "sotto-otr-fingerprints", "version": 1, "fingerprints": [{"account": {"protocol": "xmpp", "account": "a@b"}, "buddy": "c", "fingerprint": "zz", "trust": "unverified", "firstSeen": "2024-01-01T00:00:00Z"}]}',
      'fingerprints[0].fingerprint',
    ],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00]), 'not UTF-8'],
  ])('calls %s corrupt, with the reason', async (_name, contents, reason) => {
    writeFileSync(file('fingerprints'), contents);
    const [problem] = (await open()).problems();
    expect(problem).toMatchObject({ problem: 'corrupt', reason: expect.stringContaining(reason) });
  });

  it('tells a file from a newer Sotto apart, and leaves it alone', async () => {
    writeFileSync(file('keys'), '{"format": "sotto-otr-private-keys", "version": 7, "keys": []}');
    const store = await open();
    expect(store.problems()[0]).toMatchObject({ problem: 'newer-version' });
    await expect(store.addKeys([{ account: ALICE, key: ALICE_KEY }])).rejects.toBeInstanceOf(KeyStoreFileError);
  });

  it('reports a file it cannot read as unreadable', async () => {
    mkdirSync(file('instanceTags'));
    const store = await open();
    expect(store.problems()[0]).toMatchObject({ problem: 'unreadable', reason: 'EISDIR' });
    await expect(store.ensureInstanceTag(ALICE)).rejects.toBeInstanceOf(KeyStoreFileError);
  });

  it('refuses a key file whose key is damaged, rather than sign with it', async () => {
    const store = await open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    const text = readFileSync(file('keys'), 'utf8').replace(
      /"y": "(.)/,
      (_m, c: string) => `"y": "${c === '1' ? '2' : '1'}`,
    );
    writeFileSync(file('keys'), text);
    const [problem] = (await open()).problems();
    expect(problem).toMatchObject({ problem: 'corrupt', reason: expect.stringContaining('keys[0] is unusable') });
  });

  it('sets the damaged file aside on request, keeping it, and starts that part empty', async () => {
    writeFileSync(file('fingerprints'), damaged);
    const now = new Date('2024-05-06T07:08:09.010Z');
    const store = await open({ now: () => now });
    const aside = await store.setAside('fingerprints');
    expect(aside).toBe(`${file('fingerprints')}.damaged-2024-05-06T07-08-09-010Z`);
    expect(readFileSync(aside!, 'utf8')).toBe(damaged);
    expect(store.problems()).toEqual([]);
    expect(await store.recordFingerprint(ALICE, 'bob', FP1)).toBe('new');
    await expect(store.setAside('fingerprints')).rejects.toThrow(/not damaged/);
  });

  it('reads a repaired file again on reload', async () => {
    writeFileSync(file('fingerprints'), damaged);
    const store = await open();
    await expect(store.reload('fingerprints')).rejects.toBeInstanceOf(KeyStoreFileError);
    writeFileSync(file('fingerprints'), '{"format": "sotto-otr-fingerprints", "version": 1, "fingerprints": []}');
    await store.reload('fingerprints');
    expect(store.problems()).toEqual([]);
  });
});

describe('KeyStore: keys and secrets', () => {
  it('keeps an existing key unless told to replace it', async () => {
    const store = await open();
    expect(await store.addKeys([{ account: ALICE, key: ALICE_KEY }])).toEqual(['added']);
    expect(await store.addKeys([{ account: ALICE, key: ALICE_KEY }])).toEqual(['same']);
    expect(await store.addKeys([{ account: ALICE, key: BOB_KEY }])).toEqual(['kept-existing']);
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(await store.addKeys([{ account: ALICE, key: BOB_KEY }], { replace: true })).toEqual(['replaced']);
    expect(store.ownKeys()).toEqual([
      { account: ALICE, fingerprint: fingerprintHex(BOB_KEY), created: expect.any(String) },
    ]);
  });

  it('never shows the secret exponent in logs, inspection or errors', async () => {
    const store = await open();
    await store.addKeys([
      { account: ALICE, key: ALICE_KEY },
      { account: ALICE_IRC, key: BOB_KEY },
    ]);
    await store.setTrust(ALICE, 'bob', FP1, 'verified-smp');
    const secrets = [ALICE_KEY.x, BOB_KEY.x].flatMap((x) => [x.toString(16), x.toString()]);
    const key = store.privateKey(ALICE)!;
    const shown = [inspect(key), inspect(store, { depth: 8 }), JSON.stringify(store.ownKeys()), ...logs].join('\n');
    for (const s of secrets) expect(shown).not.toContain(s);
    expect(key.x).toBe(ALICE_KEY.x);
    // The damaged key file's error names the place, not the contents.
    writeFileSync(file('keys'), readFileSync(file('keys'), 'utf8').replace('"x": "', '"x": "zz'));
    const [problem] = (await open()).problems();
    for (const s of secrets) expect(problem?.message).not.toContain(s);
  });

  it('refuses accounts, buddies and fingerprints it cannot store', async () => {
    const store = await open();
    await expect(
      store.addKeys([{ account: { protocol: 'aim' as 'xmpp', account: 'x' }, key: ALICE_KEY }]),
    ).rejects.toThrow(TypeError);
    await expect(store.addKeys([{ account: { protocol: 'xmpp', account: '' }, key: ALICE_KEY }])).rejects.toThrow(
      TypeError,
    );
    await expect(store.setTrust(ALICE, '', FP1, 'verified-smp')).rejects.toThrow(TypeError);
    await expect(store.setTrust(ALICE, 'bob', 'nope', 'verified-smp')).rejects.toThrow(RangeError);
  });

  it('refuses a key that would make its file unreadable at the next start', async () => {
    const store = await open();
    await expect(store.addKeys([{ account: ALICE, key: { ...ALICE_KEY, x: ALICE_KEY.x + 1n } }])).rejects.toThrow(
      /unusable: its public value y/,
    );
    expect(store.ownKeys()).toEqual([]);
  });
});
