/**
 * otr.fingerprint.mine and otr.fingerprint.list through the dispatcher, checked
 * against the contract: the account's OTRv4 fingerprint beside its v3 one, and
 * each known fingerprint's version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../api/contract';
import { validate } from '../api/validate';
import { createCore } from './create-core';
import { dispatchCommand } from './dispatch';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call(core: Awaited<ReturnType<typeof createCore>>, method: string, params: unknown) {
  const result = await dispatchCommand(core, method, params);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Record<string, unknown>;
}

describe('otr.fingerprint commands with OTRv4', () => {
  it('answers the account’s v3 and v4 fingerprints, and lists known fingerprints with their version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotto-fp-'));
    dirs.push(dir);
    const core = await createCore({ profileDir: dir, frontEnd: 'headless', logger: { log: () => undefined } });
    const { accountId } = await call(core, 'account.add', {
      protocol: 'xmpp',
      jid: 'alice@example.org',
      password: 'pw',
      autoConnect: false,
    });

    const mine = await call(core, 'otr.fingerprint.mine', { accountId });
    expect(validate(commands['otr.fingerprint.mine'].result, mine, 'result')).toMatchObject({ ok: true });
    expect(mine.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    const v4 = mine.v4 as { fingerprint: string; formatted: string };
    expect(v4.fingerprint).toMatch(/^[0-9a-f]{112}$/);
    expect(v4.formatted).toBe(v4.fingerprint.toUpperCase().match(/.{8}/g)!.join(' '));

    for (const fingerprint of ['ab'.repeat(20), 'cd'.repeat(56)])
      await call(core, 'otr.fingerprint.verify', { accountId, peer: 'bob@example.org', fingerprint, verified: true });
    const list = await call(core, 'otr.fingerprint.list', { accountId });
    expect(validate(commands['otr.fingerprint.list'].result, list, 'result')).toMatchObject({ ok: true });
    expect(Object.values(list).map((f) => (f as { version: number }).version)).toEqual([3, 4]);
    await core.close();
  });
});
