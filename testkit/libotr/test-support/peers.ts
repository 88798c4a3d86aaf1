/**
 * For testkit/libotr's own tests: libotr users alice and bob, each started in a
 * folder of its own under one temporary root, stopped after every test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LibotrEvent } from '../events';
import { startLibotrPeer, type LibotrPeer, type LibotrPeerOptions } from '../peer';
import { shuttle } from '../shuttle';

export const ALICE = 'alice@sotto.test';
export const BOB = 'bob@sotto.test';

export interface LibotrPeers {
  /** The test file's temporary folder, removed after its last test. */
  root(): string;
  start(options: Partial<LibotrPeerOptions> & { account: string }): Promise<LibotrPeer>;
  pair(options?: Partial<LibotrPeerOptions>): Promise<{ alice: LibotrPeer; bob: LibotrPeer }>;
}

/** Call at the top of a test file: sets up the root folder and stops every peer after each test. */
export function useLibotrPeers(): LibotrPeers {
  let root: string;
  const running: LibotrPeer[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sotto-libotr-test-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((peer) => peer.stop()));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  let dirCounter = 0;
  async function start(options: Partial<LibotrPeerOptions> & { account: string }): Promise<LibotrPeer> {
    const peer = await startLibotrPeer({ dir: join(root, `${options.account}-${++dirCounter}`), ...options });
    running.push(peer);
    return peer;
  }

  async function pair(options: Partial<LibotrPeerOptions> = {}): Promise<{ alice: LibotrPeer; bob: LibotrPeer }> {
    const [alice, bob] = await Promise.all([
      start({ ...options, account: ALICE }),
      start({ ...options, account: BOB }),
    ]);
    return { alice, bob };
  }

  return { root: () => root, start, pair };
}

/** AKE started by alice's query; resolves once both sides are ENCRYPTED. */
export async function secure(alice: LibotrPeer, bob: LibotrPeer) {
  const query = await alice.query(BOB);
  const deliveries = await shuttle(alice, bob, query.wire);
  expect((await alice.status(BOB)).msgstate).toBe('encrypted');
  expect((await bob.status(ALICE)).msgstate).toBe('encrypted');
  return deliveries;
}

export const ofType = <T extends LibotrEvent['type']>(events: LibotrEvent[], type: T) =>
  events.filter((e): e is Extract<LibotrEvent, { type: T }> => e.type === type);
