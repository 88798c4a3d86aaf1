/**
 * Proves the libotr interop harness beyond conversations: it builds once and
 * says what to install when it cannot, the files it writes are libotr's own
 * (read back after a restart), and its bench mode prints sane figures.
 * Conversations through the driver: conversations.integration.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLibotrHarness, LIBOTR_INSTALL_COMMAND } from '../libotr-harness/build';
import { runLibotrBench } from './bench';
import { POLICY } from './peer';
import { shuttle } from './shuttle';
import { ALICE, BOB, ofType, secure, useLibotrPeers } from './test-support/peers';

const { root, start, pair } = useLibotrPeers();

describe('libotr harness: build', () => {
  it('builds once and then reuses the binary while the sources are unchanged', () => {
    buildLibotrHarness();
    expect(buildLibotrHarness().compiled).toBe(false);
  });

  it('names the packages to install when gcc, pkg-config or libotr are missing', () => {
    const path = process.env.PATH;
    process.env.PATH = join(root(), 'no-such-bin');
    try {
      expect(() => buildLibotrHarness()).toThrow(LIBOTR_INSTALL_COMMAND);
      expect(() => buildLibotrHarness()).toThrow(/gcc, pkg-config, libotr5-dev missing/);
    } finally {
      process.env.PATH = path;
    }
  });
});

/** A tiny reader for libgcrypt's s-expressions: lists, atoms, "strings", #hex#. */
type Sexp = string | Sexp[];
function parseSexp(text: string): Sexp {
  const tokens = text.match(/\(|\)|"(?:[^"\\]|\\.)*"|#[0-9A-Fa-f]*#|[^\s()"#]+/g) ?? [];
  let i = 0;
  const read = (): Sexp => {
    const token = tokens[i++];
    if (token === undefined) throw new Error('unexpected end of s-expression');
    if (token === '(') {
      const list: Sexp[] = [];
      while (tokens[i] !== ')') list.push(read());
      i++;
      return list;
    }
    return token.startsWith('"') ? (JSON.parse(token) as string) : token;
  };
  const result = read();
  if (i !== tokens.length) throw new Error('trailing tokens in s-expression');
  return result;
}

function field(list: Sexp, name: string): Sexp[] {
  if (!Array.isArray(list)) throw new Error(`not a list where ${name} was expected`);
  const found = list.find((item): item is Sexp[] => Array.isArray(item) && item[0] === name);
  if (!found) throw new Error(`no (${name} ...) in ${JSON.stringify(list).slice(0, 200)}`);
  return found;
}

describe('libotr key files', () => {
  it('writes the private key, fingerprints and instance tags in libotr formats, and reads them back', async () => {
    const { alice, bob } = await pair({ policy: POLICY.MANUAL });
    await secure(alice, bob);
    await alice.writeFingerprints();

    // otr.private_key: (privkeys (account (name ..) (protocol ..) (private-key (dsa (p #..#) (q) (g) (y) (x)))))
    const sexp = parseSexp(readFileSync(join(alice.dir, 'otr.private_key'), 'utf8'));
    expect(Array.isArray(sexp) && sexp[0]).toBe('privkeys');
    const accountEntry = field(sexp, 'account');
    expect(field(accountEntry, 'name')[1]).toBe(ALICE);
    expect(field(accountEntry, 'protocol')[1]).toBe('prpl-jabber');
    const dsa = field(field(accountEntry, 'private-key'), 'dsa');
    const mpi = (name: string) => {
      const hex = field(dsa, name)[1];
      if (typeof hex !== 'string' || !/^#[0-9A-F]+#$/.test(hex)) throw new Error(`${name} is not #hex#`);
      return Buffer.from(hex.slice(1, -1).replace(/^(00)+/, ''), 'hex');
    };
    expect(mpi('p').length * 8).toBe(1024);
    expect(mpi('q').length * 8).toBe(160);
    expect(mpi('x').length).toBeLessThanOrEqual(20);
    // The fingerprint is SHA-1 over the public MPIs p, q, g, y, each with a 4-byte length.
    const publicKey = Buffer.concat(
      ['p', 'q', 'g', 'y'].flatMap((name) => {
        const bytes = mpi(name);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        return [length, bytes];
      }),
    );
    expect(createHash('sha1').update(publicKey).digest('hex')).toBe(alice.fingerprint);

    // otr.fingerprints: username TAB account TAB protocol TAB 40 hex TAB trust
    const fpLines = readFileSync(join(alice.dir, 'otr.fingerprints'), 'utf8').split('\n').filter(Boolean);
    expect(fpLines.map((l) => l.split('\t'))).toEqual([[BOB, ALICE, 'prpl-jabber', bob.fingerprint, '']]);

    // otr.instance_tags: comment lines, then account TAB protocol TAB hex (libotr writes %08x:
    // a tag below 0x10000000, one in sixteen, keeps its leading zero).
    const tagLines = readFileSync(join(alice.dir, 'otr.instance_tags'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(tagLines.map((l) => l.split('\t'))).toEqual([
      [ALICE, 'prpl-jabber', alice.instanceTag.toString(16).padStart(8, '0')],
    ]);

    // A restart reads all three back: same key, same tag, bob still known.
    await alice.trust(BOB, bob.fingerprint, 'verified');
    await alice.stop();
    const again = await start({ account: ALICE, dir: alice.dir, policy: POLICY.MANUAL });
    expect(again.fingerprint).toBe(alice.fingerprint);
    expect(again.instanceTag).toBe(alice.instanceTag);
    expect(readFileSync(join(alice.dir, 'otr.fingerprints'), 'utf8')).toBe(
      `${BOB}\t${ALICE}\tprpl-jabber\t${bob.fingerprint}\tverified\n`,
    );
    const renewed = await shuttle(again, bob, (await again.query(BOB)).wire);
    expect(renewed.length).toBe(5);
    expect(await again.status(BOB)).toMatchObject({ msgstate: 'encrypted', trust: 'verified' });
    expect(ofType(again.events, 'newFingerprint')).toEqual([]);
  });
});

describe('libotr bench mode', () => {
  it('times a few AKEs and prints sane JSON', async () => {
    const result = await runLibotrBench('ake', { iterations: 3, keyDir: join(root(), 'bench-keys') });
    expect(result).toMatchObject({ name: 'ake', unit: 'ms', iterations: 3, libotr: '4.1.1' });
    expect(result.median).toBeGreaterThan(0);
    expect(result.median).toBeLessThan(5_000);
    expect(result.p90).toBeGreaterThanOrEqual(result.median);
  });
});
