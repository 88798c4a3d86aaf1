/**
 * KeyStore's contents: fingerprints and the trust in them, kept per account and
 * buddy across restarts; our own keys, whose secrets never show. Its files, and
 * what it does with a damaged one: key-store-files.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { ALICE, ALICE_IRC, FP1, FP2, useKeyStoreFolder } from '../test-support/key-store-folder';
import { fingerprintHex } from './key-store';

const env = useKeyStoreFolder();
const { open, file } = env;

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
    expect(env.logs).toContainEqual(
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
    const shown = [inspect(key), inspect(store, { depth: 8 }), JSON.stringify(store.ownKeys()), ...env.logs].join('\n');
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
