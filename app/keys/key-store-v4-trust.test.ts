/**
 * Buddies' OTRv4 fingerprints (112 hex digits) beside their OTRv3 ones (40): the
 * same trust operations, each version judged only against its own (trust.ts says
 * why), kept across restarts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE, FP1, FP2, useKeyStoreFolder } from '../test-support/key-store-folder';
import { fingerprintVersion } from './trust';

const folder = useKeyStoreFolder();
const BOB = 'bob@example.org';
const V4A = '0572c14cb1307744'.repeat(7);
const V4B = 'a1b2c3d4e5f60718'.repeat(7);

describe('OTRv4 fingerprints and trust', () => {
  it('calls a buddy’s first v4 key new, even after verified v3 keys; another v4 key is changed', async () => {
    const store = await folder.open();
    await store.setTrust(ALICE, BOB, FP1, 'verified-smp');
    expect(store.checkFingerprint(ALICE, BOB, V4A)).toBe('new');
    expect(await store.recordFingerprint(ALICE, BOB, V4A)).toBe('new');
    expect(store.keyChanged(ALICE, BOB, V4A)).toBe(false);
    expect(folder.logs.join('\n')).not.toMatch(/changed/);

    expect(await store.recordFingerprint(ALICE, BOB, V4B)).toBe('changed');
    expect(store.keyChanged(ALICE, BOB, V4B)).toBe(true);
    expect(folder.logs).toContainEqual(
      expect.stringMatching(new RegExp(`^warn the fingerprint of ${BOB} .* changed to ${V4B}$`)),
    );
    // The v3 side is as it was.
    expect(store.checkFingerprint(ALICE, BOB, FP1)).toBe('verified');
    expect(store.keyChanged(ALICE, BOB, FP1)).toBe(false);
    expect(store.checkFingerprint(ALICE, BOB, FP2)).toBe('changed');
  });

  it('calls a first v3 key new after v4 keys only', async () => {
    const store = await folder.open();
    await store.recordFingerprint(ALICE, BOB, V4A);
    expect(store.checkFingerprint(ALICE, BOB, FP1)).toBe('new');
    expect(store.keyChanged(ALICE, BOB, FP1)).toBe(false);
  });

  it('verifies, un-verifies and forgets v4 keys apart from v3 ones, across a restart', async () => {
    const store = await folder.open();
    await store.recordFingerprint(ALICE, BOB, FP1);
    await store.recordFingerprint(ALICE, BOB, V4A);
    await store.recordFingerprint(ALICE, BOB, V4B);
    await store.setTrust(ALICE, BOB, V4B, 'verified-manually');
    expect(store.checkFingerprint(ALICE, BOB, V4B)).toBe('verified');
    expect(store.keyChanged(ALICE, BOB, V4B)).toBe(false);
    // An unverified key of a buddy with another of the same version is still the warning.
    expect(store.keyChanged(ALICE, BOB, V4A)).toBe(true);
    expect(store.checkFingerprint(ALICE, BOB, FP1)).toBe('known-unverified');
    expect(store.keyChanged(ALICE, BOB, FP1)).toBe(false);

    const again = await folder.open();
    expect(again.fingerprintsOf(ALICE, BOB).map((f) => [fingerprintVersion(f.fingerprint), f.trust])).toEqual([
      [3, 'unverified'],
      [4, 'unverified'],
      [4, 'verified-manually'],
    ]);
    const onDisk = JSON.parse(readFileSync(folder.file('fingerprints'), 'utf8')) as {
      fingerprints: { fingerprint: string }[];
    };
    expect(onDisk.fingerprints.map((f) => f.fingerprint)).toEqual([FP1, V4A, V4B]);

    await again.setTrust(ALICE, BOB, V4B, 'unverified');
    expect(again.checkFingerprint(ALICE, BOB, V4B)).toBe('known-unverified');
    expect(await again.forget(ALICE, BOB, V4A)).toBe(1);
    expect(again.fingerprintsOf(ALICE, BOB).map((f) => f.fingerprint)).toEqual([FP1, V4B]);
    expect(await again.forget(ALICE, BOB)).toBe(2);
  });

  it('takes v4 fingerprints as 56 bytes, hex, or fourteen groups of eight, and refuses other lengths', async () => {
    const store = await folder.open();
    await store.setTrust(ALICE, BOB, V4A.toUpperCase().match(/.{8}/g)!.join(' '), 'verified-smp');
    expect(store.checkFingerprint(ALICE, BOB, Buffer.from(V4A, 'hex'))).toBe('verified');
    expect(store.checkFingerprint(ALICE, BOB, V4A)).toBe('verified');
    expect(() => store.checkFingerprint(ALICE, BOB, `${FP1}0`)).toThrow(RangeError);
    expect(() => store.checkFingerprint(ALICE, BOB, V4A.slice(2))).toThrow(RangeError);
    expect(() => store.checkFingerprint(ALICE, BOB, new Uint8Array(28))).toThrow(RangeError);
  });
});
