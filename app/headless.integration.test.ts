import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessSotto } from '../testkit/headless';
import { APP_VERSION } from './version';

describe('sotto --headless (JSON-RPC on stdio)', () => {
  let sotto: HeadlessSotto | undefined;
  afterEach(async () => {
    await sotto?.stop();
  });

  it('answers app.info and account.list', async () => {
    sotto = startHeadless();
    expect(await sotto.request('app.info', {})).toMatchObject({
      result: { name: 'Sotto', version: APP_VERSION, transport: 'headless' },
    });
    expect(await sotto.request('account.list')).toMatchObject({ result: [] });
  });

  it('keeps serving after malformed JSON, unknown methods and bad params', async () => {
    sotto = startHeadless();
    const parseError = sotto.nextLine((l) => l.includes('-32700'));
    sotto.sendRaw('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(JSON.parse(await parseError)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: not valid JSON' },
    });
    expect((await sotto.request('no.such.method')).error?.code).toBe(-32601);
    expect((await sotto.request('account.list', { bogus: true })).error?.code).toBe(-32602);
    expect((await sotto.request('app.info')).result).toMatchObject({ name: 'Sotto' });
  });

  it('writes nothing but JSON-RPC to stdout and exits when stdin closes', async () => {
    sotto = startHeadless();
    await sotto.request('app.info');
    expect(await sotto.stop()).toBe(0);
    for (const line of sotto.lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
  });
});
