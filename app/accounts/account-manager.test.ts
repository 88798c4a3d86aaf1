import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountState } from '../api/shapes';
import { FakeAdapter } from '../test-support/fake-adapter';
import { AccountManager } from './account-manager';
import type { StoredAccount } from './account-config';
import { profileFileSecretStore } from './secret-store';

function manager() {
  const dir = mkdtempSync(join(tmpdir(), 'sotto-accounts-'));
  const made: { config: StoredAccount; adapter: FakeAdapter }[] = [];
  const states: AccountState[] = [];
  const m = new AccountManager(
    dir,
    profileFileSecretStore(dir),
    (config) => {
      const adapter = new FakeAdapter(config.protocol === 'xmpp' ? config.jid : config.nick);
      adapter.state = { state: 'offline' };
      adapter.connect = async () => {
        adapter.state = { state: 'online' };
      };
      adapter.disconnect = async () => {
        adapter.state = { state: 'offline' };
      };
      made.push({ config, adapter });
      return adapter;
    },
    { state: (_id, s) => states.push(s), adapter: () => undefined, certificate: () => undefined },
    { log: () => undefined },
  );
  return { m, made, states, dir };
}

describe('AccountManager', () => {
  it('keeps a running connection when the settings change, and uses the new ones for the next', async () => {
    const { m, made } = manager();
    const id = await m.add({ protocol: 'xmpp', jid: 'a@example.org', password: 'pw', tls: 'starttls' });
    await m.connect(id);
    const first = made.at(-1)!.adapter;
    await m.update(id, (c) => ({ ...c, host: 'other.example.org' }));
    expect(m.adapter(id)).toBe(first);
    expect(m.summary(id).state).toBe('online');
    await m.disconnect(id);
    await m.connect(id);
    expect(m.adapter(id)).not.toBe(first);
    expect(made.at(-1)!.config).toMatchObject({ host: 'other.example.org' });
  });

  it('saves accounts and reads them back, without the password in accounts.json', async () => {
    const { m, dir } = manager();
    await m.add({ protocol: 'irc', nick: 'kim', host: 'irc.example.org', port: 6697, password: 'secret' });
    const again = new AccountManager(
      dir,
      profileFileSecretStore(dir),
      () => new FakeAdapter('x'),
      { state: () => undefined, adapter: () => undefined, certificate: () => undefined },
      { log: () => undefined },
    );
    await again.load();
    expect(again.list()).toEqual([
      expect.objectContaining({
        accountId: 'irc:kim@irc.example.org',
        protocol: 'irc',
        host: 'irc.example.org',
        port: 6697,
        tls: true,
      }),
    ]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).not.toContain('secret');
  });

  describe('Connect and Disconnect in quick succession', () => {
    /** Like the real adapters: a disconnect says offline only once its close has ended, and until then connect() finds it online. */
    function slowToClose(adapter: FakeAdapter) {
      const closes: (() => void)[] = [];
      const set = (state: 'online' | 'offline') => {
        adapter.state = { state };
        adapter.emit('state', adapter.state);
      };
      adapter.connect = async () => {
        if (adapter.state.state !== 'online') set('online');
      };
      adapter.disconnect = async () => {
        await new Promise<void>((resolve) => closes.push(resolve));
        set('offline');
      };
      return { endClose: () => closes.shift()?.() };
    }

    async function onlineAccount() {
      const { m, made, states } = manager();
      const id = await m.add({ protocol: 'xmpp', jid: 'a@example.org', password: 'pw' });
      await m.connect(id);
      return { m, id, states, ...slowToClose(made.at(-1)!.adapter), adapter: made.at(-1)!.adapter };
    }
    const turns = () => new Promise((resolve) => setTimeout(resolve, 10));

    it('a Connect sent while a Disconnect is still closing the connection ends online', async () => {
      const { m, id, adapter, endClose } = await onlineAccount();
      const off = m.disconnect(id);
      const on = m.connect(id);
      await turns();
      endClose();
      await expect(off).resolves.toBe('offline');
      await expect(on).resolves.toBe('online');
      expect(adapter.state.state).toBe('online');
      expect(m.summary(id).state).toBe('online');
    });

    it('a Disconnect sent after a waiting Connect cancels it, without calling it an error', async () => {
      const { m, id, states, endClose } = await onlineAccount();
      const off = m.disconnect(id);
      const on = expect(m.connect(id)).rejects.toThrow(/Disconnected before the connection was made/);
      const offAgain = m.disconnect(id);
      await turns();
      endClose();
      await turns();
      endClose();
      await on;
      await expect(Promise.all([off, offAgain])).resolves.toEqual(['offline', 'offline']);
      expect(m.summary(id).state).toBe('offline');
      expect(states).not.toContain('error');
    });
  });

  it('two Connects at once make one adapter', async () => {
    const { m, made } = manager();
    const id = await m.add({ protocol: 'irc', nick: 'kim', host: 'irc.example.org', port: 6697 });
    const before = made.length; // add() made one to check the settings
    await Promise.all([m.connect(id), m.connect(id)]);
    expect(made.length - before).toBe(1);
  });

  it('refuses a second account with the same id', async () => {
    const { m } = manager();
    await m.add({ protocol: 'xmpp', jid: 'a@example.org', password: 'pw' });
    await expect(m.add({ protocol: 'xmpp', jid: 'A@example.org', password: 'pw' })).rejects.toThrow(/already exists/);
  });
});
