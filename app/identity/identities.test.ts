/**
 * The identity provider's OTRv4 side: the account's v4 keys and Client Profile
 * handed to the OTR layer (renewed by the env's clock), its v4 fingerprint, the
 * trust of both versions, the version in the list, and the export's report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintV4, type OtrEnv } from '../../otr';
import { ALICE_KEY } from '../../otr/test-support/fixtures';
import { accountFromId } from '../keys';
import { createNodeOtrEnv } from '../otr-host/node-env';
import { openIdentities } from './identities';

const ID = 'xmpp:alice@example.org';
const BOB = 'bob@example.org';
const FP3 = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
const FP3B = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';
const FP4 = '0572c14cb1307744'.repeat(7);
const FP4B = 'a1b2c3d4e5f60718'.repeat(7);
const DAY = 24 * 60 * 60 * 1000;

let dir: string;
let logs: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-identities-'));
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function open() {
  const clock = { ms: Date.UTC(2026, 11, 1), now: () => clock.ms };
  const env: Pick<OtrEnv, 'clock' | 'random' | 'math'> = { ...createNodeOtrEnv(), clock };
  const logger = { log: (level: string, message: string) => logs.push(`${level} ${message}`) };
  const identities = await openIdentities(join(dir, 'profile'), logger, undefined, { env });
  // A DSA key from before OTRv4: the v4 keys come on first need.
  await identities.store.addKeys([{ account: accountFromId(ID), key: ALICE_KEY }]);
  return { identities, clock };
}

describe('identities: OTRv4', () => {
  it('hands the layer the v4 keys and a saved Client Profile for the instance tag, renewed by the clock', async () => {
    const { identities, clock } = await open();
    expect(identities.myFingerprintV4(ID)).toBeUndefined();
    const identity = await identities.identity(ID);
    const v4 = identity.v4!;
    const profile = v4.profile();
    expect(profile.instanceTag).toBe(identity.instanceTag);
    expect(profile.dsaKey?.y).toBe(ALICE_KEY.y);
    expect(identities.store.v4Keys(accountFromId(ID))?.profile).toEqual(profile.bytes);
    expect(v4.profile()).toBe(profile);
    expect(identities.myFingerprintV4(ID)).toBe(
      Buffer.from(fingerprintV4(v4.identity.publicBytes, v4.forgingKey)).toString('hex'),
    );

    clock.ms += 6 * DAY;
    const renewed = v4.profile();
    expect(renewed.expires).toBeGreaterThan(profile.expires);
    // A restart reuses what was kept: the same keys, the renewed profile once saved.
    // The store saves one change at a time: this one settles after the renewal's save.
    await identities.store.ensureV4Keys(accountFromId(ID));
    const again = await openIdentities(join(dir, 'profile'), { log: () => undefined });
    expect(again.myFingerprintV4(ID)).toBe(identities.myFingerprintV4(ID));
    expect(again.store.v4Keys(accountFromId(ID))?.profile).toEqual(renewed.bytes);
  });

  it('judges v3 and v4 keys apart, and lists each with its version', async () => {
    const { identities } = await open();
    const identity = await identities.identity(ID);
    await identities.setVerified(ID, BOB, FP3, true);
    expect(await identity.observeFingerprint(BOB, FP4)).toBe('new');
    expect(identity.keyChanged(BOB, FP4)).toBe(false);
    expect(identity.isVerified(BOB, FP4)).toBe(false);
    expect(identity.hasVerified(BOB)).toBe(true);
    expect(await identity.observeFingerprint(BOB, FP4B)).toBe('changed');
    expect(identity.keyChanged(BOB, FP4B)).toBe(true);
    expect(await identity.observeFingerprint(BOB, FP3B)).toBe('changed');
    await identity.verifiedBySmp(BOB, FP4B);
    expect(identity.isVerified(BOB, FP4B)).toBe(true);
    expect(identity.keyChanged(BOB, FP4B)).toBe(false);
    expect(identity.isVerified(BOB, FP3)).toBe(true);

    expect(identities.listFingerprints(ID).map((f) => [f.fingerprint, f.version, f.trust])).toEqual([
      [FP3, 3, 'verified-manually'],
      [FP4, 4, 'unverified'],
      [FP4B, 4, 'verified-smp'],
      [FP3B, 3, 'unverified'],
    ]);
    await identities.forget(ID, BOB, FP4);
    expect(identities.listFingerprints(ID)).toHaveLength(3);
  });

  it('tells how many v4 fingerprints the libotr export left out', async () => {
    const { identities } = await open();
    await identities.identity(ID);
    await identities.setVerified(ID, BOB, FP3, true);
    await identities.setVerified(ID, BOB, FP4, true);
    const lines = await identities.exportLibotr(join(dir, 'purple'));
    expect(lines[0]).toMatch(/^Exported 1 key\(s\), 1 fingerprint\(s\) and 1 instance tag\(s\)/);
    expect(lines[1]).toBe('Skipped 1 OTRv4 fingerprint(s): libotr cannot read them (OTRv4 keys stay in Sotto)');
  });
});
