import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
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
import type { AccountRef } from './account-refs';
import { DATA_KEY_FILE } from './data-key';
import { KeyStoreFileError } from './errors';
import { PROFILE_KEYS_WARNING } from './key-file-protection';
import { KeyStore } from './key-store';
import type { OsKeyStore } from './os-key-store';
import { STORE_FILES } from './store-files';

const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };

/**
 * Stands in for safeStorage: AES-GCM under a key of its own, so another instance
 * (a reset key store, another user) cannot open what this one encrypted. It keeps
 * the secrets it was given, so a test can look for them on disk.
 */
class FakeOsKeyStore implements OsKeyStore {
  private readonly key = randomBytes(32);
  readonly given: string[] = [];
  refuse = false;

  encrypt(secret: string): Promise<Uint8Array> {
    if (this.refuse) return Promise.reject(new Error('the key store is locked'));
    this.given.push(secret);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return Promise.resolve(Buffer.concat([iv, c.getAuthTag(), body]));
  }

  async decrypt(sealed: Uint8Array): Promise<string> {
    if (this.refuse) throw new Error('the key store is locked');
    const b = Buffer.from(sealed);
    const d = createDecipheriv('aes-256-gcm', this.key, b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
  }
}

let root: string;
let dir: string;
let logs: string[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sotto-keyfile-'));
  dir = join(root, 'profile');
  logs = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const logger = { log: (level: string, message: string) => logs.push(`${level} ${message}`) };
const open = (osKeyStore?: OsKeyStore, at = dir) =>
  KeyStore.open(at, { logger, ...(osKeyStore ? { osKeyStore } : {}) });
const keyFile = (at = dir) => join(at, STORE_FILES.keys);
const dataKeyFile = (at = dir) => join(at, DATA_KEY_FILE);
const mode = (path: string) => statSync(path).mode & 0o777;
const header = () => JSON.parse(readFileSync(keyFile(), 'utf8')) as Record<string, unknown>;

/** Every spelling of the secret exponents a file could give away: hex, decimal, raw bytes. */
const secretSpellings = [ALICE_KEY.x, BOB_KEY.x].flatMap((x) => {
  const hex = x.toString(16);
  return [
    Buffer.from(hex),
    Buffer.from(x.toString()),
    Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex'),
  ];
});
const profileBytes = () => readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

async function storeWithKeys(os?: OsKeyStore): Promise<void> {
  const store = await open(os);
  await store.addKeys([
    { account: ALICE, key: ALICE_KEY },
    { account: ALICE_IRC, key: BOB_KEY },
  ]);
}

describe('private key file under an OS key store', () => {
  it('keeps the keys across a restart, in a version 2 file encrypted with AES-256-GCM, both files 0600', async () => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    const again = await open(os);
    expect(again.keyStorage).toBe('os-keystore');
    expect(again.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(again.privateKey(ALICE_IRC)?.x).toBe(BOB_KEY.x);
    expect(header()).toMatchObject({
      format: 'sotto-otr-private-keys',
      version: 2,
      cipher: 'aes-256-gcm',
      dataKeyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(mode(keyFile())).toBe(0o600);
    expect(mode(dataKeyFile())).toBe(0o600);
    expect(again.problems()).toEqual([]);
    expect(logs.join('\n')).not.toContain(PROFILE_KEYS_WARNING);
  });

  it('leaves no key material on disk: neither x nor the data key', async () => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    const [dataKey] = os.given;
    expect(dataKey).toBeDefined();
    const dataKeySpellings = [
      Buffer.from(dataKey!),
      Buffer.from(dataKey!, 'base64'),
      Buffer.from(Buffer.from(dataKey!, 'base64').toString('hex')),
    ];
    const files = profileBytes();
    expect(files.map((f) => f.name).sort()).toEqual([DATA_KEY_FILE, STORE_FILES.keys]);
    for (const { bytes } of files)
      for (const secret of [...secretSpellings, ...dataKeySpellings]) expect(bytes.includes(secret)).toBe(false);
    expect(logs.join('\n')).not.toContain(ALICE_KEY.x.toString(16));
  });

  it('says clearly that it cannot decrypt under another OS key store, and leaves both files as they were', async () => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    const before = profileBytes();
    const elsewhere = await open(new FakeOsKeyStore());
    const [problem] = elsewhere.problems();
    expect(problem).toBeInstanceOf(KeyStoreFileError);
    expect(problem).toMatchObject({
      file: keyFile(),
      problem: 'cannot-decrypt',
      reason: expect.stringContaining('the OS key store cannot open its data key'),
    });
    expect(problem?.message).toMatch(/^Sotto cannot decrypt, and will not overwrite, the key store file /);
    expect(() => elsewhere.privateKey(ALICE)).toThrow(problem);
    await expect(elsewhere.addKeys([{ account: ALICE, key: BOB_KEY }])).rejects.toBe(problem);
    expect(profileBytes()).toEqual(before);
    expect(logs).toContainEqual(expect.stringMatching(/^error Sotto cannot decrypt/));
    // Nothing was lost: the OS key store that encrypted it still opens it.
    expect((await open(os)).privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
  });

  it('refuses a data key file that holds another data key, leaving the key file intact', async () => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    const other = join(root, 'other');
    await (await open(os, other)).addKeys([{ account: ALICE, key: BOB_KEY }]);
    copyFileSync(dataKeyFile(other), dataKeyFile());
    const before = readFileSync(keyFile());
    const store = await open(os);
    expect(store.problems()[0]).toMatchObject({
      problem: 'cannot-decrypt',
      reason: expect.stringContaining(`encrypted with another data key than the one ${DATA_KEY_FILE} holds`),
    });
    await expect(store.addKeys([{ account: ALICE, key: ALICE_KEY }])).rejects.toBeInstanceOf(KeyStoreFileError);
    expect(readFileSync(keyFile())).toEqual(before);
  });

  it.each([
    ['ciphertext', 'corrupt', 'damaged or altered'],
    ['tag', 'corrupt', 'damaged or altered'],
    ['nonce', 'corrupt', 'damaged or altered'],
    ['dataKeyId', 'cannot-decrypt', 'another data key'],
  ])('calls a file whose %s was changed %s', async (field, problem, reason) => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    const doc = header();
    const value = doc[field] as string;
    const flipped = Buffer.from(value, 'base64');
    flipped[0]! ^= 1;
    doc[field] =
      field === 'dataKeyId' ? value.replace(/^./, (c) => (c === '0' ? '1' : '0')) : flipped.toString('base64');
    writeFileSync(keyFile(), JSON.stringify(doc));
    expect((await open(os)).problems()[0]).toMatchObject({ problem, reason: expect.stringContaining(reason) });
  });

  it('reports a missing data key file, and after set-aside starts afresh under a new data key', async () => {
    const os = new FakeOsKeyStore();
    await storeWithKeys(os);
    rmSync(dataKeyFile());
    const store = await open(os);
    expect(store.problems()[0]).toMatchObject({
      problem: 'cannot-decrypt',
      reason: expect.stringContaining(`(${DATA_KEY_FILE}) is missing`),
    });
    const aside = await store.setAside('keys');
    expect(existsSync(aside!)).toBe(true);
    await store.addKeys([{ account: ALICE, key: BOB_KEY }]);
    expect((await open(os)).privateKey(ALICE)?.x).toBe(BOB_KEY.x);
  });

  it('keeps aside a data key the OS key store cannot open when no encrypted file needs it, and makes a new one', async () => {
    await storeWithKeys(new FakeOsKeyStore());
    rmSync(keyFile());
    const old = readFileSync(dataKeyFile());
    const os = new FakeOsKeyStore();
    const store = await open(os, dir);
    expect(store.problems()).toEqual([]);
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    const kept = readdirSync(dir).filter((n) => n.startsWith(`${DATA_KEY_FILE}.unusable-`));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!))).toEqual(old);
    expect((await open(os)).privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(logs).toContainEqual(
      expect.stringMatching(/^warn the OS key store cannot open its data key .* set aside as /),
    );
  });
});

describe('migration of a plaintext private key file', () => {
  it('encrypts it at the first start with an OS key store', async () => {
    await storeWithKeys();
    expect(readFileSync(keyFile()).includes(secretSpellings[0]!)).toBe(true);
    const store = await open(new FakeOsKeyStore());
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(header()).toMatchObject({ version: 2 });
    for (const { bytes } of profileBytes())
      for (const secret of secretSpellings) expect(bytes.includes(secret)).toBe(false);
    expect(mode(keyFile())).toBe(0o600);
    expect(logs).toContainEqual(
      expect.stringMatching(/^info .*otr-private-keys.json was plaintext; it is now encrypted/),
    );
  });

  it('keeps the plaintext file and its keys when encrypting fails, and encrypts at the next start', async () => {
    await storeWithKeys();
    const plaintext = readFileSync(keyFile());
    const os = new FakeOsKeyStore();
    os.refuse = true;
    const store = await open(os);
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(readFileSync(keyFile())).toEqual(plaintext);
    expect(existsSync(dataKeyFile())).toBe(false);
    expect(logs).toContainEqual(
      expect.stringMatching(/^error .* stays plaintext for now; encrypting it failed: the key store is locked/),
    );
    os.refuse = false;
    await open(os);
    expect(header()).toMatchObject({ version: 2 });
  });
});

describe('private key file without an OS key store (headless, browser mode)', () => {
  it('stays plaintext, mode 0600, and says so', async () => {
    await storeWithKeys();
    const store = await open();
    expect(store.keyStorage).toBe('profile-file');
    expect(store.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(header()).toMatchObject({ format: 'sotto-otr-private-keys', version: 1 });
    expect(mode(keyFile())).toBe(0o600);
    expect(existsSync(dataKeyFile())).toBe(false);
    expect(logs).toContainEqual(`warn ${PROFILE_KEYS_WARNING}`);
  });

  it('refuses an encrypted file it cannot open, and never overwrites it', async () => {
    await storeWithKeys(new FakeOsKeyStore());
    const before = profileBytes();
    const store = await open();
    expect(store.problems()[0]).toMatchObject({
      problem: 'cannot-decrypt',
      reason: expect.stringContaining('this mode (headless or browser) cannot reach'),
    });
    await expect(store.addKeys([{ account: ALICE, key: ALICE_KEY }])).rejects.toBeInstanceOf(KeyStoreFileError);
    expect(profileBytes()).toEqual(before);
  });
});
