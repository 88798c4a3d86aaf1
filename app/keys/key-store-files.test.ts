/**
 * KeyStore's files: private (0600 in a 0700 folder), saved one at a time and
 * all or nothing, temp files cleaned up; a damaged file is named, never
 * overwritten, and set aside or reloaded only on request. What it keeps:
 * key-store-trust-and-keys.test.ts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE_KEY } from '../../otr/test-support/fixtures';
import { writeFileAtomic } from '../storage/atomic-file';
import { ALICE, FP1, FP2, mode, useKeyStoreFolder } from '../test-support/key-store-folder';
import { KeyStoreFileError } from './errors';
import { KeyStore } from './key-store';
import { STORE_FILES } from './store-files';

const env = useKeyStoreFolder();
const { open, file } = env;

describe('KeyStore: files', () => {
  it('writes every file with mode 0600 in a 0700 folder', async () => {
    const profile = join(env.dir, 'profile');
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
    expect(readdirSync(env.dir)).toEqual([STORE_FILES.fingerprints]);
    failing = false;
    await store.setTrust(ALICE, 'bob', FP1, 'unverified');
    expect(store.checkFingerprint(ALICE, 'bob', FP1)).toBe('known-unverified');
  });

  it('removes temp files an interrupted save left, when it opens', async () => {
    writeFileSync(join(env.dir, `.${STORE_FILES.keys}.tmp-0123456789ab`), 'half a key');
    await open();
    expect(readdirSync(env.dir)).toEqual([]);
    expect(env.logs).toContainEqual(expect.stringContaining('removed 1 temp file(s)'));
  });

  it('makes a store file that others can read private again, and says so', async () => {
    const store = await open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    const { chmodSync } = await import('node:fs');
    chmodSync(file('keys'), 0o644);
    await open();
    expect(mode(file('keys'))).toBe(0o600);
    expect(env.logs).toContainEqual(expect.stringContaining('was readable by other users'));
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
    expect(env.logs).toContainEqual(
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
