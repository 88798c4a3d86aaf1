import { describe, expect, it } from 'vitest';
import { RPC_INTERNAL_ERROR, RPC_INVALID_PARAMS, RPC_METHOD_NOT_FOUND } from '../api/jsonrpc';
import { APP_VERSION } from '../version';
import { dispatchCommand } from './dispatch';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from './create-core';

const makeCore = (log: (level: string, message: string) => void = () => undefined) =>
  createCore({ profileDir: mkdtempSync(join(tmpdir(), 'sotto-dispatch-')), frontEnd: 'headless', logger: { log } });

describe('dispatching commands', () => {
  it('runs a known command with valid params', async () => {
    expect(await dispatchCommand(await makeCore(), 'app.info', {})).toEqual({
      ok: true,
      value: { name: 'Sotto', version: APP_VERSION, transport: 'headless', secretStorage: 'profile-file' },
    });
    expect(await dispatchCommand(await makeCore(), 'account.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown methods and bad params with JSON-RPC codes', async () => {
    const core = await makeCore();
    expect(await dispatchCommand(core, 'nope', {})).toMatchObject({ ok: false, error: { code: RPC_METHOD_NOT_FOUND } });
    expect(await dispatchCommand(core, 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: RPC_INVALID_PARAMS } });
    expect(await dispatchCommand(core, 'app.info', 'string')).toMatchObject({ ok: false, error: { code: RPC_INVALID_PARAMS } });
  });

  it('turns an unexpected failure into an internal error without its details', async () => {
    const logged: string[] = [];
    const core = await makeCore((_, m) => logged.push(m));
    core.handlers['app.info'] = () => Promise.reject(new Error('secret detail'));
    const result = await dispatchCommand(core, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: RPC_INTERNAL_ERROR, message: 'Internal error while running app.info' } });
    expect(logged.join()).toContain('secret detail');
  });
});
