import { describe, expect, it } from 'vitest';
import { RPC_INTERNAL_ERROR, RPC_INVALID_PARAMS, RPC_METHOD_NOT_FOUND } from '../api/jsonrpc';
import { APP_VERSION } from '../version';
import { dispatchCommand } from './dispatch';
import { SottoCore } from './sotto-core';

const makeCore = (log: (level: string, message: string) => void = () => undefined) =>
  new SottoCore({ profileDir: '/nonexistent', frontEnd: 'headless', logger: { log } });

describe('dispatching commands', () => {
  it('runs a known command with valid params', async () => {
    expect(await dispatchCommand(makeCore(), 'app.info', {})).toEqual({
      ok: true,
      value: { name: 'Sotto', version: APP_VERSION, transport: 'headless' },
    });
    expect(await dispatchCommand(makeCore(), 'account.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses unknown methods and bad params with JSON-RPC codes', async () => {
    expect(await dispatchCommand(makeCore(), 'nope', {})).toMatchObject({ ok: false, error: { code: RPC_METHOD_NOT_FOUND } });
    expect(await dispatchCommand(makeCore(), 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: RPC_INVALID_PARAMS } });
    expect(await dispatchCommand(makeCore(), 'app.info', 'string')).toMatchObject({ ok: false, error: { code: RPC_INVALID_PARAMS } });
  });

  it('turns an unexpected failure into an internal error without its details', async () => {
    const logged: string[] = [];
    const core = makeCore((_, m) => logged.push(m));
    core.handlers['app.info'] = () => Promise.reject(new Error('secret detail'));
    const result = await dispatchCommand(core, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: RPC_INTERNAL_ERROR, message: 'Internal error while running app.info' } });
    expect(logged.join()).toContain('secret detail');
  });
});
