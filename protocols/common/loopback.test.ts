import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, loopbackOnlyLookup, type ResolveAll } from './loopback';

const answering =
  (addresses: LookupAddress[], err: NodeJS.ErrnoException | null = null): ResolveAll =>
  (_host, options, callback) => {
    expect(options.all).toBe(true);
    callback(err, addresses);
  };

function run(resolveAll: ResolveAll, options: LookupOptions = {}) {
  const lookup = loopbackOnlyLookup((elsewhere) => `refused: ${elsewhere.join(' ')}`, resolveAll);
  return new Promise<{
    err: NodeJS.ErrnoException | null;
    address: string | LookupAddress[];
    family: number | undefined;
  }>((resolve) => lookup('server.example', options, (err, address, family) => resolve({ err, address, family })));
}

const V4 = { address: '127.0.0.1', family: 4 };
const V6 = { address: '::1', family: 6 };

describe('isLoopbackAddress', () => {
  it('knows 127.0.0.0/8 and ::1 in their spellings, and nothing else (names included)', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '128.0.0.1', '::2', '::ffff:10.0.0.1', 'localhost', 'chat.localhost', ''])
      expect(isLoopbackAddress(a), a).toBe(false);
  });
});

describe('loopbackOnlyLookup', () => {
  it('goes ahead when every address is loopback, in the form net asks for', async () => {
    expect(await run(answering([V4, V6]), { all: true })).toEqual({ err: null, address: [V4, V6], family: undefined });
    expect(await run(answering([V4, V6]))).toEqual({ err: null, address: '127.0.0.1', family: 4 });
    expect(await run(answering([V4, V6]), { family: 6 })).toEqual({ err: null, address: '::1', family: 6 });
  });

  it('refuses, as a config error, a name with any address elsewhere, whatever family is asked for', async () => {
    const { err } = await run(answering([V4, { address: '2001:db8::7', family: 6 }]), { family: 4 });
    expect(err).toMatchObject({ name: 'AdapterError', kind: 'config', message: 'refused: 2001:db8::7' });
  });

  it('passes a failed lookup on as it is (a network error, worth another try)', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect((await run(answering([], notFound))).err).toBe(notFound);
  });
});
