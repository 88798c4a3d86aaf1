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
    expect(await dispatchCommand(core, 'app.info', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: RPC_INVALID_PARAMS },
    });
    expect(await dispatchCommand(core, 'app.info', 'string')).toMatchObject({
      ok: false,
      error: { code: RPC_INVALID_PARAMS },
    });
  });

  it('answers -32602 naming the field at fault', async () => {
    const core = await makeCore();
    const refusal = async (method: string, params: unknown) => {
      const result = await dispatchCommand(core, method, params);
      expect(result).toMatchObject({ ok: false, error: { code: RPC_INVALID_PARAMS } });
      return result.ok ? '' : result.error.message;
    };
    expect(await refusal('otr.getPolicy', { accountId: 'x', peer: 'p'.repeat(3072) })).toBe(
      'Invalid params: params.peer: expected at most 3071 characters, got a long string',
    );
    expect(await refusal('message.send', { accountId: 'x', peer: 'p', text: '' })).toBe(
      'Invalid params: params.text: expected at least 1 characters, got ""',
    );
    expect(await refusal('buddy.remove', { accountId: 'x', peer: 'p', extra: true })).toBe(
      'Invalid params: params.extra: unknown field',
    );
    expect(await refusal('settings.set', { logging: { plaintext: true, extra: 1 } })).toBe(
      'Invalid params: params.logging.extra: unknown field',
    );
    expect(await refusal('otr.setPolicy', { accountId: 'x', policy: 'sometimes' })).toBe(
      'Invalid params: params.policy: expected "never" | "manual" | "opportunistic" | "always" | "require-v4" | "inherit", got "sometimes"',
    );
    expect(await refusal('conversation.history', { accountId: 'x', peer: 'p', limit: 1.5 })).toBe(
      'Invalid params: params.limit: expected an integer, got number',
    );
    expect(await refusal('otr.selectInstance', { accountId: 'x', peer: 'p', instanceTag: 2 ** 32 })).toBe(
      'Invalid params: params.instanceTag: expected a number <= 4294967295, got number',
    );
    expect(await refusal('otr.fingerprint.forget', { accountId: 'x', peer: 'p', fingerprint: 'A'.repeat(40) })).toBe(
      `Invalid params: params.fingerprint: expected a string matching /^(?:[0-9a-f]{40}|[0-9a-f]{112})$/, got "${'A'.repeat(40)}"`,
    );
    expect(await refusal('account.add', { protocol: 'matrix' })).toBe(
      'Invalid params: params.protocol: expected "xmpp" | "irc", got "matrix"',
    );
    expect(await refusal('account.add', { protocol: 'xmpp', jid: 'a@b', password: 'pw', nick: 'n' })).toBe(
      'Invalid params: params.nick: unknown field',
    );
    expect(await refusal('account.add', { protocol: 'irc', nick: 'n', host: 'h', port: 0 })).toBe(
      'Invalid params: params.port: expected a number >= 1, got number',
    );
  });

  it('accepts params at the limits', async () => {
    const core = await makeCore();
    expect(
      await dispatchCommand(core, 'otr.getPolicy', { accountId: 'a'.repeat(200), peer: 'p'.repeat(3071) }),
    ).toEqual({ ok: true, value: { policy: 'opportunistic', inherited: true } });
  });

  it('turns an unexpected failure into an internal error without its details', async () => {
    const logged: string[] = [];
    const core = await makeCore((_, m) => logged.push(m));
    core.handlers['app.info'] = () => Promise.reject(new Error('secret detail'));
    const result = await dispatchCommand(core, 'app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: RPC_INTERNAL_ERROR, message: 'Internal error while running app.info' },
    });
    expect(logged.join()).toContain('secret detail');
  });
});
