import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DsaPrivateKey } from '../../otr';
import { ALICE_KEY } from '../../otr/test-support/fixtures';
import { generateDsaKey } from '../otr-host/dsa-keygen';
import type { AccountRef } from './account-refs';
import { dsaKeyProblem } from './dsa-key-check';
import { KeyStoreFileError } from './errors';
import { KeyGenerator, type KeyGenerationEvent } from './key-generation';
import { fingerprintHex, KeyStore } from './key-store';
import { STORE_FILES } from './store-files';

const ALICE: AccountRef = { protocol: 'xmpp', account: 'alice@example.org' };
const ALICE_IRC: AccountRef = { protocol: 'irc', account: 'alice@irc.example.org' };
const CAROL: AccountRef = { protocol: 'xmpp', account: 'carol@example.org' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-keygen-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real generator, counted. */
function counted(): { generate: () => Promise<DsaPrivateKey>; calls: () => number } {
  let calls = 0;
  return {
    generate: () => {
      calls++;
      return generateDsaKey();
    },
    calls: () => calls,
  };
}

describe('KeyGenerator', () => {
  it('generates once for concurrent requests for one account, and saves the key', async () => {
    const store = await KeyStore.open(dir);
    const gen = counted();
    const generator = new KeyGenerator(store, { generate: gen.generate });
    const events: KeyGenerationEvent[] = [];
    generator.onProgress((e) => events.push(e));

    const keys = await Promise.all(Array.from({ length: 10 }, () => generator.ensureKey(ALICE)));
    expect(gen.calls()).toBe(1);
    expect(new Set(keys).size).toBe(1);
    expect(dsaKeyProblem(keys[0]!)).toBeUndefined();
    expect(events).toEqual([
      { type: 'started', account: ALICE },
      { type: 'finished', account: ALICE, fingerprint: fingerprintHex(keys[0]!) },
    ]);
    expect((await KeyStore.open(dir)).privateKey(ALICE)?.x).toBe(keys[0]!.x);

    // Already there: no new generation, no events.
    expect(await generator.ensureKey(ALICE)).toBe(keys[0]);
    expect(gen.calls()).toBe(1);
    expect(events).toHaveLength(2);
  });

  it('keeps the event loop turning while it generates', async () => {
    const store = await KeyStore.open(dir);
    const generator = new KeyGenerator(store);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    let ticksWhenDone = -1;
    try {
      const running = generator.ensureKeys([ALICE, ALICE_IRC, CAROL]).then((r) => {
        ticksWhenDone = ticks;
        return r;
      });
      expect(generator.isGenerating(ALICE)).toBe(true);
      expect(ticks).toBe(0);
      const results = await running;
      expect(results.every((r) => 'key' in r)).toBe(true);
    } finally {
      clearInterval(ticker);
    }
    // Three DSA keys take tens of milliseconds in OpenSSL; a 1 ms timer fired meanwhile.
    expect(ticksWhenDone).toBeGreaterThan(0);
  });

  it('reports n of m when several accounts need keys, skipping those that have one', async () => {
    const store = await KeyStore.open(dir);
    await store.addKeys([{ account: ALICE_IRC, key: ALICE_KEY }]);
    const gen = counted();
    const generator = new KeyGenerator(store, { generate: gen.generate });
    const events: KeyGenerationEvent[] = [];
    generator.onProgress((e) => events.push(e));
    const results = await generator.ensureKeys([ALICE, ALICE_IRC, CAROL]);
    expect(gen.calls()).toBe(2);
    expect(results.map((r) => r.account)).toEqual([ALICE, ALICE_IRC, CAROL]);
    expect(events.map((e) => [e.type, e.account.account, e.batch])).toEqual([
      ['started', ALICE.account, { index: 1, total: 2 }],
      ['finished', ALICE.account, { index: 1, total: 2 }],
      ['started', CAROL.account, { index: 2, total: 2 }],
      ['finished', CAROL.account, { index: 2, total: 2 }],
    ]);
  });

  it('never generates over a key file it could not read', async () => {
    writeFileSync(join(dir, STORE_FILES.keys), 'not json');
    const store = await KeyStore.open(dir);
    const gen = counted();
    const generator = new KeyGenerator(store, { generate: gen.generate });
    await expect(generator.ensureKey(ALICE)).rejects.toBeInstanceOf(KeyStoreFileError);
    expect(gen.calls()).toBe(0);
  });

  it('reports a failed generation, and a later request tries again', async () => {
    const store = await KeyStore.open(dir);
    let fail = true;
    const generator = new KeyGenerator(store, {
      generate: async () => {
        if (fail) throw new Error('no entropy');
        return ALICE_KEY;
      },
    });
    const events: KeyGenerationEvent[] = [];
    generator.onProgress((e) => events.push(e));
    await expect(generator.ensureKey(ALICE)).rejects.toThrow('no entropy');
    expect(events.at(-1)).toEqual({ type: 'failed', account: ALICE, message: 'no entropy' });
    fail = false;
    expect((await generator.ensureKey(ALICE)).x).toBe(ALICE_KEY.x);
  });

  it('keeps a key imported while it was generating', async () => {
    const store = await KeyStore.open(dir);
    let release: () => void = () => undefined;
    const generator = new KeyGenerator(store, {
      generate: () => new Promise<DsaPrivateKey>((resolve) => (release = () => resolve(generateDsaKey()))),
    });
    const pending = generator.ensureKey(ALICE);
    await store.addKeys([{ account: ALICE, key: ALICE_KEY }]);
    release();
    expect((await pending).x).toBe(ALICE_KEY.x);
  });

  it('survives a listener that throws', async () => {
    const store = await KeyStore.open(dir);
    const generator = new KeyGenerator(store, { generate: async () => ALICE_KEY });
    generator.onProgress(() => {
      throw new Error('listener bug');
    });
    expect((await generator.ensureKey(ALICE)).x).toBe(ALICE_KEY.x);
  });
});
