/**
 * OTRv4 keys in the private key file: made with the DSA key in one save, kept
 * encrypted like it, given on first need to accounts from before OTRv4, read
 * strictly, their secrets never shown. The Client Profile kept with them:
 * client-profile-keeper.test.ts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClientProfile, fingerprintV4, generateEd448KeyPair, type Random } from '../../otr';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { createNodeOtrEnv } from '../otr-host/node-env';
import { writeFileAtomic } from '../storage/atomic-file';
import { ALICE, ALICE_IRC, mode, useKeyStoreFolder } from '../test-support/key-store-folder';
import { KeyGenerator } from './key-generation';
import type { OsKeyStore } from './os-key-store';

const folder = useKeyStoreFolder();
const random: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** safeStorage's stand-in: AES-GCM under a key of its own. */
class FakeOsKeyStore implements OsKeyStore {
  private readonly key = randomBytes(32);
  encrypt(secret: string): Promise<Uint8Array> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return Promise.resolve(Buffer.concat([iv, c.getAuthTag(), body]));
  }
  decrypt(sealed: Uint8Array): Promise<string> {
    const b = Buffer.from(sealed);
    const d = createDecipheriv('aes-256-gcm', this.key, b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    return Promise.resolve(Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8'));
  }
}

const keyDoc = () =>
  JSON.parse(readFileSync(folder.file('keys'), 'utf8')) as { keys: Record<string, Record<string, string>>[] };

describe('OTRv4 keys in the private key file', () => {
  it('are made with the DSA key in one save, kept encrypted under the OS key store (0600), and read back', async () => {
    const os = new FakeOsKeyStore();
    const keyFileWrites: string[] = [];
    const writeFile = (path: string, data: string) => {
      if (path === folder.file('keys')) keyFileWrites.push(path);
      return writeFileAtomic(path, data);
    };
    const store = await folder.open({ osKeyStore: os, writeFile });
    await new KeyGenerator(store, { generate: () => Promise.resolve(ALICE_KEY) }).ensureKey(ALICE);
    expect(keyFileWrites).toHaveLength(1);
    const v4 = store.v4Keys(ALICE)!;
    expect(v4.identity.symKey).toHaveLength(57);
    expect(v4.forgingKey).toHaveLength(57);

    const disk = readFileSync(folder.file('keys'));
    expect(JSON.parse(disk.toString('utf8'))).toMatchObject({ version: 2, cipher: 'aes-256-gcm' });
    for (const secret of [Buffer.from(hex(v4.identity.symKey)), Buffer.from(v4.identity.symKey)])
      expect(disk.includes(secret)).toBe(false);
    expect(mode(folder.file('keys'))).toBe(0o600);

    const again = (await folder.open({ osKeyStore: os })).v4Keys(ALICE)!;
    expect(hex(again.identity.symKey)).toBe(hex(v4.identity.symKey));
    expect(hex(again.identity.publicBytes)).toBe(hex(v4.identity.publicBytes));
    expect(again.identity.secret).toBe(v4.identity.secret);
    expect(hex(again.forgingKey)).toBe(hex(v4.forgingKey));
    const [own] = store.ownKeys();
    expect(own?.v4Fingerprint).toBe(hex(fingerprintV4(v4.identity.publicBytes, v4.forgingKey)));
    expect(own?.v4Fingerprint).toMatch(/^[0-9a-f]{112}$/);
  });

  it('load unchanged from a file made before OTRv4, and come on first need, once', async () => {
    const old = await folder.open();
    await old.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    const before = readFileSync(folder.file('keys'), 'utf8');
    expect(Object.keys(keyDoc().keys[0]!).sort()).toEqual(['account', 'created', 'dsa']);

    const store = await folder.open();
    expect(store.problems()).toEqual([]);
    expect(store.v4Keys(ALICE)).toBeUndefined();
    expect(store.ownKeys()[0]).not.toHaveProperty('v4Fingerprint');
    expect(readFileSync(folder.file('keys'), 'utf8')).toBe(before);

    const made = await store.ensureV4Keys(ALICE);
    expect(await store.ensureV4Keys(ALICE)).toBe(made);
    expect(Object.keys(keyDoc().keys[0]!.v4!).sort()).toEqual(['created', 'forgingKey', 'identitySymKey']);
    const again = await folder.open();
    expect(again.privateKey(ALICE)?.x).toBe(ALICE_KEY.x);
    expect(hex(again.v4Keys(ALICE)!.identity.symKey)).toBe(hex(made.identity.symKey));
    expect(folder.logs).toContainEqual(
      expect.stringMatching(/^info OTRv4 keys ready for xmpp:alice@example.org: [0-9a-f]{112}$/),
    );
    await expect(again.ensureV4Keys(ALICE_IRC)).rejects.toThrow(/has no OTR key yet/);
  });

  it('are read strictly: a damaged v4 entry blocks the key file, with a reason that shows no secret', async () => {
    const other = generateEd448KeyPair(random);
    const otherProfile = createClientProfile(
      { instanceTag: 0x100, identity: other, forgingKey: other.publicBytes, versions: '34' },
      createNodeOtrEnv(),
    ).bytes;
    const damage: [string, (v4: Record<string, unknown>) => unknown, RegExp][] = [
      ['not an object', () => null, /v4 is not an object/],
      ['a short sym key', (v) => ({ ...v, identitySymKey: 'ab' }), /identitySymKey is not 114/],
      ['upper case', (v) => ({ ...v, identitySymKey: String(v.identitySymKey).toUpperCase() }), /identitySymKey/],
      ['no forging key', (v) => ({ ...v, forgingKey: undefined }), /forgingKey is not 114/],
      ['not a point', (v) => ({ ...v, forgingKey: 'ff'.repeat(57) }), /forgingKey is not a point/],
      ['an extra field', (v) => ({ ...v, forgingSecret: 'ab' }), /unknown field "forgingSecret"/],
      ['a bad date', (v) => ({ ...v, created: 'yesterday' }), /created is not a date/],
      ['no profile', (v) => ({ ...v, clientProfile: 'abcd' }), /clientProfile is not a Client Profile/],
      ['another key’s profile', (v) => ({ ...v, clientProfile: hex(otherProfile) }), /not made with these keys/],
    ];
    for (const [what, change, reason] of damage) {
      const store = await folder.open();
      await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { replace: true, withV4: true });
      const doc = keyDoc();
      const v4 = doc.keys[0]!.v4!;
      doc.keys[0]!.v4 = change(v4) as Record<string, string>;
      const text = JSON.stringify(doc);
      writeFileSync(folder.file('keys'), text);
      const damaged = await folder.open();
      const [problem] = damaged.problems();
      expect(problem?.problem, what).toBe('corrupt');
      expect(problem?.reason, what).toMatch(reason);
      expect(problem?.message, what).not.toContain(v4.identitySymKey!.slice(0, 20));
      expect(() => damaged.v4Keys(ALICE), what).toThrow(problem);
      expect(readFileSync(folder.file('keys'), 'utf8'), what).toBe(text);
      await damaged.setAside('keys');
    }
  });

  it('hide the identity key’s secrets from logs, spreads and JSON', async () => {
    const store = await folder.open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const v4 = store.v4Keys(ALICE)!;
    const symHex = hex(v4.identity.symKey);
    const secretHex = v4.identity.secret.toString(16);
    const json = JSON.stringify({ ...v4, ...v4.identity }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString(16) : v,
    );
    for (const shown of [inspect(v4, { depth: 5 }), json, inspect(store.ownKeys())]) {
      expect(shown).not.toContain(symHex.slice(0, 16));
      expect(shown).not.toContain(secretHex.slice(0, 16));
    }
    expect(Object.keys(v4.identity).sort()).toEqual(['public', 'publicBytes']);
    expect(folder.logs.join('\n')).not.toContain(symHex.slice(0, 16));
  });

  it('survive a replaced DSA key, which drops the Client Profile the old key signed', async () => {
    const store = await folder.open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const v4 = store.v4Keys(ALICE)!;
    const profile = Uint8Array.of(1, 2, 3);
    expect(await store.setClientProfile(ALICE, generateEd448KeyPair(random).publicBytes, profile)).toBe(false);
    expect(await store.setClientProfile(ALICE, v4.identity.publicBytes, profile)).toBe(true);
    expect(store.v4Keys(ALICE)?.profile).toEqual(profile);

    expect(await store.addKeys([{ account: ALICE, key: BOB_KEY }], { replace: true, withV4: true })).toEqual([
      'replaced',
    ]);
    const kept = store.v4Keys(ALICE)!;
    expect(hex(kept.identity.symKey)).toBe(hex(v4.identity.symKey));
    expect(hex(kept.forgingKey)).toBe(hex(v4.forgingKey));
    expect(kept.profile).toBeUndefined();
  });
});
