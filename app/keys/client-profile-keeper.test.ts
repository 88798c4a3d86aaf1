/**
 * The account's Client Profile under a manual clock: made once with the
 * transitional signature, reused while valid (across restarts too), renewed a day
 * before it expires or when it no longer fits, and saved each time.
 */
import { describe, expect, it } from 'vitest';
import { type ClientProfile, type OtrEnv } from '../../otr';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { createNodeOtrEnv } from '../otr-host/node-env';
import { writeFileAtomic } from '../storage/atomic-file';
import { ALICE, useKeyStoreFolder } from '../test-support/key-store-folder';
import { ClientProfileKeeper } from './client-profile-keeper';
import type { KeyStore } from './key-store';

const folder = useKeyStoreFolder();
const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 11, 1, 12);

function manualClock() {
  const clock = { ms: START, now: () => clock.ms };
  const env: Pick<OtrEnv, 'clock' | 'random' | 'math'> = { ...createNodeOtrEnv(), clock };
  return { clock, env };
}

async function keeperFor(
  store: KeyStore,
  env: Pick<OtrEnv, 'clock' | 'random' | 'math'>,
  instanceTag?: number,
  key = store.privateKey(ALICE)!,
) {
  const tag = instanceTag ?? (await store.ensureInstanceTag(ALICE));
  return new ClientProfileKeeper({
    store,
    account: ALICE,
    key,
    v4: store.v4Keys(ALICE)!,
    instanceTag: tag,
    env,
    logger: { log: (level, message) => folder.logs.push(`${level} ${message}`) },
  });
}

const seconds = (ms: number) => BigInt(Math.floor(ms / 1000));
const hex = (p: ClientProfile | Uint8Array | undefined) =>
  p && Buffer.from(p instanceof Uint8Array ? p : p.bytes).toString('hex');

describe('ClientProfileKeeper', () => {
  it('makes a week’s profile for the instance tag with the transitional signature, and saves it', async () => {
    const { env } = manualClock();
    const store = await folder.open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const keeper = await keeperFor(store, env);
    const profile = keeper.profile();
    expect(profile.instanceTag).toBe(store.instanceTag(ALICE));
    expect(profile.versions).toBe('34');
    expect(profile.expires).toBe(seconds(START + 7 * DAY));
    expect(hex(profile.identityKey)).toBe(hex(store.v4Keys(ALICE)!.identity.publicBytes));
    expect(hex(profile.forgingKey)).toBe(hex(store.v4Keys(ALICE)!.forgingKey));
    expect(profile.dsaKey?.y).toBe(ALICE_KEY.y);
    expect(profile.transitionalSignature).toBeDefined();

    await keeper.saved();
    expect(hex(store.v4Keys(ALICE)!.profile)).toBe(hex(profile));
    expect(hex((await folder.open()).v4Keys(ALICE)!.profile)).toBe(hex(profile));
    expect(folder.logs).toContainEqual(
      expect.stringMatching(
        /^info OTRv4 Client Profile for xmpp:alice@example.org made; it expires 2026-12-08T12:00:00/,
      ),
    );
  });

  it('reuses the profile while valid, across a restart, and renews it a day before it expires', async () => {
    const { clock, env } = manualClock();
    const store = await folder.open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const keeper = await keeperFor(store, env);
    const first = keeper.profile();
    await keeper.saved();

    clock.ms = START + 5 * DAY;
    expect(keeper.profile()).toBe(first);
    const restarted = await keeperFor(await folder.open(), env);
    expect(hex(restarted.profile())).toBe(hex(first));

    clock.ms = START + 6 * DAY - 1000; // a day and a second left
    expect(keeper.profile()).toBe(first);
    clock.ms = START + 6 * DAY; // a day left: renew
    const renewed = keeper.profile();
    expect(renewed).not.toBe(first);
    expect(renewed.expires).toBe(seconds(clock.ms + 7 * DAY));
    expect(keeper.profile()).toBe(renewed);
    await keeper.saved();
    expect(hex(store.v4Keys(ALICE)!.profile)).toBe(hex(renewed));
    expect(folder.logs.filter((l) => l.includes('Client Profile for xmpp:alice@example.org renewed'))).toHaveLength(1);

    // After the restart the kept profile is the renewed one, reused as it is.
    const later = await keeperFor(await folder.open(), env);
    expect(hex(later.profile())).toBe(hex(renewed));
  });

  it('makes a new profile for another instance tag or another DSA key', async () => {
    const { env } = manualClock();
    const store = await folder.open();
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const first = await keeperFor(store, env, 0x1234);
    first.profile();
    await first.saved();
    const tagKeeper = await keeperFor(store, env, 0x5678);
    const otherTag = tagKeeper.profile();
    expect(otherTag.instanceTag).toBe(0x5678);
    expect(hex(otherTag)).not.toBe(hex(first.profile()));

    const keyKeeper = await keeperFor(store, env, 0x1234, BOB_KEY);
    const otherKey = keyKeeper.profile();
    expect(otherKey.dsaKey?.y).toBe(BOB_KEY.y);
    expect(hex(otherKey.identityKey)).toBe(hex(first.profile().identityKey));
    await Promise.all([tagKeeper.saved(), keyKeeper.saved()]);
  });

  it('keeps using a renewed profile whose save failed, and says so', async () => {
    const { env } = manualClock();
    let fail = false;
    const writeFile = (path: string, data: string) =>
      fail ? Promise.reject(new Error('disk full')) : writeFileAtomic(path, data);
    const store = await folder.open({ writeFile });
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }], { withV4: true });
    const keeper = await keeperFor(store, env);
    fail = true;
    const profile = keeper.profile();
    await expect(keeper.saved()).resolves.toBeUndefined();
    expect(keeper.profile()).toBe(profile);
    expect(store.v4Keys(ALICE)!.profile).toBeUndefined();
    expect(folder.logs).toContainEqual(
      expect.stringMatching(
        /^warn the OTRv4 Client Profile for xmpp:alice@example.org .* could not be saved: disk full$/,
      ),
    );
  });
});
