/**
 * app/keys against the real libotr 4.1.1 (testkit/libotr-harness): libotr's own
 * files import into Sotto with the same identity and trust, Sotto's exported files
 * are what libotr reads (same fingerprint, instance tag and trust), and what Sotto
 * writes is byte for byte what libotr writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bigintModPow, bytesToBigint, type DsaPrivateKey } from '../../otr';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { startLibotrPeer, type LibotrPeer } from '../../testkit/libotr/peer';
import { shuttle } from '../../testkit/libotr/shuttle';
import { SottoParty } from '../../testkit/libotr/sotto-party';
import type { AccountRef } from './account-refs';
import { fingerprintHex, KeyStore } from './key-store';
import { exportToLibotr } from './libotr-export';
import { formatLibotrFingerprints, parseLibotrFingerprints } from './libotr-fingerprints';
import { importFromLibotr } from './libotr-import';
import { formatLibotrInstanceTags, parseLibotrInstanceTags } from './libotr-instance-tags';
import { formatLibotrPrivateKeys, parseLibotrPrivateKeys, type LibotrPrivateKey } from './libotr-private-key';

const PIDGIN_ALICE = 'alice@example.org/Pidgin';
const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
const BOB = 'bob@example.org';
const CAROL = 'carol@example.org';
const BOB_TAG = 0x5070_7070;
const CAROL_TAG = 0x6070_7070;

let root: string;
let counter = 0;
const running: LibotrPeer[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sotto-keys-libotr-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newDir = (name: string) => join(root, `${name}-${++counter}`);

async function libotr(dir: string, account: string, protocol = 'prpl-jabber'): Promise<LibotrPeer> {
  const peer = await startLibotrPeer({ account, protocol, dir });
  running.push(peer);
  return peer;
}

async function stop(peer: LibotrPeer): Promise<void> {
  running.splice(running.indexOf(peer), 1);
  await peer.stop();
}

/** Sotto goes private with a libotr peer; both sides must say encrypted. */
async function goPrivate(sotto: SottoParty, peer: LibotrPeer): Promise<void> {
  await shuttle(sotto, peer, sotto.start());
  expect(sotto.conv.status().state).toBe('encrypted');
  expect((await peer.status(sotto.name)).msgstate).toBe('encrypted');
}

/** A Pidgin user's folder, written by libotr itself: alice's key and tag, bob verified by SMP, carol seen but not verified. */
async function pidginProfile(): Promise<{ dir: string; fingerprint: string; instanceTag: number }> {
  const dir = newDir('purple');
  const alice = await libotr(dir, PIDGIN_ALICE);
  await goPrivate(new SottoParty(BOB, BOB_KEY, BOB_TAG), alice);
  await goPrivate(new SottoParty(CAROL, ALICE_KEY, CAROL_TAG), alice);
  await alice.trust(BOB, fingerprintHex(BOB_KEY), 'smp');
  await alice.writeFingerprints();
  const { fingerprint, instanceTag } = alice;
  await stop(alice);
  return { dir, fingerprint, instanceTag };
}

describe('libotr’s files into Sotto', () => {
  it('imports the identity libotr made: same key, same instance tag, the same verified buddies', async () => {
    const purple = await pidginProfile();
    const store = await KeyStore.open(newDir('profile'));
    const report = await importFromLibotr(store, purple.dir);

    expect(report.skipped).toEqual([]);
    expect(report.keys).toEqual([
      { account: ALICE, libotrName: PIDGIN_ALICE, fingerprint: purple.fingerprint, replaced: false },
    ]);
    expect(fingerprintHex(store.privateKey(ALICE)!)).toBe(purple.fingerprint);
    expect(store.instanceTag(ALICE)).toBe(purple.instanceTag);
    expect(store.checkFingerprint(ALICE, BOB, fingerprintHex(BOB_KEY))).toBe('verified');
    expect(store.fingerprintsOf(ALICE, BOB)[0]?.trust).toBe('verified-smp');
    expect(store.checkFingerprint(ALICE, CAROL, fingerprintHex(ALICE_KEY))).toBe('known-unverified');
  });

  it('talks with the imported key: the libotr side sees the original libotr identity’s fingerprint', async () => {
    const purple = await pidginProfile();
    const store = await KeyStore.open(newDir('profile'));
    await importFromLibotr(store, purple.dir);

    const dave = await libotr(newDir('dave'), 'dave@example.org');
    const alice = new SottoParty(ALICE.account, store.privateKey(ALICE)!, store.instanceTag(ALICE)!);
    await goPrivate(alice, dave);
    const seen = await dave.status(ALICE.account);
    expect(seen.fingerprint).toBe(purple.fingerprint);
    expect(seen.instanceTag).toBe(purple.instanceTag);
    expect(alice.fingerprintHex()).toBe(dave.fingerprint);
  });

  it('writes libotr’s own files back byte for byte', async () => {
    const purple = await pidginProfile();
    // A second and a third account in the same folder, with names libgcrypt prints as a token and as hex.
    await stop(await libotr(purple.dir, 'alice', 'prpl-irc'));
    await stop(await libotr(purple.dir, 'émile@example.org/Ré'));
    const keyFile = readFileSync(join(purple.dir, 'otr.private_key'));
    const parsedKeys = parseLibotrPrivateKeys(keyFile);
    expect(parsedKeys.keys.map((k) => k.accountName).sort()).toEqual(
      [PIDGIN_ALICE, 'alice', 'émile@example.org/Ré'].sort(),
    );
    expect(Buffer.from(formatLibotrPrivateKeys(parsedKeys.keys))).toEqual(keyFile);
    expect(keyFile.toString('latin1')).toContain('(name #C3A96D696C65'); // libgcrypt: a leading byte >= 0x80 means hex

    const printsFile = readFileSync(join(purple.dir, 'otr.fingerprints'), 'utf8');
    expect(formatLibotrFingerprints(parseLibotrFingerprints(printsFile).entries)).toBe(printsFile);
    expect(printsFile).toContain(`${BOB}\t${PIDGIN_ALICE}\tprpl-jabber\t${fingerprintHex(BOB_KEY)}\tsmp\n`);
    expect(printsFile).toContain(`${CAROL}\t${PIDGIN_ALICE}\tprpl-jabber\t${fingerprintHex(ALICE_KEY)}\t\n`);

    const tagsFile = readFileSync(join(purple.dir, 'otr.instance_tags'), 'utf8');
    expect(formatLibotrInstanceTags(parseLibotrInstanceTags(tagsFile).entries)).toBe(tagsFile);
  });
});

describe('Sotto’s files into libotr', () => {
  it('exports an identity libotr takes up: same fingerprint, same instance tag, the trust it knew', async () => {
    const purple = await pidginProfile();
    const store = await KeyStore.open(newDir('profile'));
    await importFromLibotr(store, purple.dir);
    const out = newDir('export');
    await exportToLibotr(store, out);

    const alice = await libotr(out, PIDGIN_ALICE);
    expect(alice.fingerprint).toBe(purple.fingerprint);
    expect(alice.instanceTag).toBe(purple.instanceTag);
    await goPrivate(new SottoParty(BOB, BOB_KEY, BOB_TAG), alice);
    await goPrivate(new SottoParty(CAROL, ALICE_KEY, CAROL_TAG), alice);
    expect(await alice.status(BOB)).toMatchObject({ fingerprint: fingerprintHex(BOB_KEY), trust: 'smp' });
    expect(await alice.status(CAROL)).toMatchObject({ fingerprint: fingerprintHex(ALICE_KEY), trust: null });
    // Both buddies were known from the exported file: libotr met no new fingerprint.
    expect(alice.events.filter((e) => e.type === 'newFingerprint')).toEqual([]);
  });

  it('exports a key Sotto generated, and trust verified by hand, under the Sotto account name', async () => {
    const store = await KeyStore.open(newDir('profile'));
    const { KeyGenerator } = await import('./key-generation');
    const key = await new KeyGenerator(store).ensureKey(ALICE);
    const tag = await store.ensureInstanceTag(ALICE);
    await store.setTrust(ALICE, BOB, fingerprintHex(BOB_KEY), 'verified-manually');
    const out = newDir('export');
    await exportToLibotr(store, out);

    const alice = await libotr(out, ALICE.account);
    expect([alice.fingerprint, alice.instanceTag]).toEqual([fingerprintHex(key), tag]);
    await goPrivate(new SottoParty(BOB, BOB_KEY, BOB_TAG), alice);
    expect((await alice.status(BOB)).trust).toBe('verified');
  });

  it('writes key files that libotr reads and rewrites byte for byte, even where libgcrypt quotes x', async () => {
    // An x whose 20 bytes libgcrypt prints as a quoted string (a few keys in a thousand have one): printable bytes, \t, ", ', \, NUL, 0xA1.
    const x = bytesToBigint(
      Uint8Array.from([0x41, 0x09, 0x22, 0x27, 0x5c, 0x00, 0xa1, ...new TextEncoder().encode('sotto-x-value')]),
    );
    const quoted: DsaPrivateKey = { ...ALICE_KEY, x, y: bigintModPow(ALICE_KEY.g, x, ALICE_KEY.p) };
    const ours: LibotrPrivateKey[] = [
      { accountName: 'q"uote\\d name', protocol: 'prpl-irc', key: quoted },
      { accountName: 'émile@example.org/Ré', protocol: 'prpl-jabber', key: ALICE_KEY },
      { accountName: '1digit@example.org', protocol: 'prpl-jabber', key: BOB_KEY },
    ];
    const dir = newDir('rewrite');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'otr.private_key'), formatLibotrPrivateKeys(ours), { mode: 0o600 });

    // libotr reads our file, makes a key for a new account and writes every key back.
    await stop(await libotr(dir, 'newcomer', 'prpl-irc'));
    const rewritten = readFileSync(join(dir, 'otr.private_key'));
    const parsed = parseLibotrPrivateKeys(rewritten);
    expect(parsed.keys.map((k) => k.accountName).sort()).toEqual([
      '1digit@example.org',
      'newcomer',
      'q"uote\\d name',
      'émile@example.org/Ré',
    ]);
    expect(Buffer.from(formatLibotrPrivateKeys(parsed.keys))).toEqual(rewritten);
    // libgcrypt printed x as a quoted string with its escapes, NUL as \x00, 0xA1 raw.
    expect(rewritten.toString('latin1')).toContain('(x "A\\t\\"\\\'\\\\\\x00\xa1sotto-x-value")');
    expect(rewritten.toString('latin1')).toContain('(name "q\\"uote\\\\d name")');
    expect(rewritten.toString('latin1')).toContain('(name "1digit@example.org")');
    for (const entry of ours) {
      const block = Buffer.from(formatLibotrPrivateKeys([entry]))
        .toString('latin1')
        .slice('(privkeys\n'.length, -')\n'.length);
      expect(rewritten.toString('latin1')).toContain(block);
    }

    // And libotr signs with the quoted x: the AKE with Sotto verifies.
    const q = await libotr(dir, 'q"uote\\d name', 'prpl-irc');
    expect(q.fingerprint).toBe(fingerprintHex(quoted));
    const bob = new SottoParty(BOB, BOB_KEY, BOB_TAG);
    await goPrivate(bob, q);
    expect(bob.fingerprintHex()).toBe(fingerprintHex(quoted));
  });
});
