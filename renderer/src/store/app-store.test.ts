/** What the core told us about the accounts, and the presence each account's user chose. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../app/api/shapes';
import { accountById, connectionLost, patchAccount, setAccounts, setChosenPresence, useAppStore } from './app-store';

function account(accountId: string, over: Partial<AccountSummary> = {}): AccountSummary {
  return {
    accountId,
    protocol: 'xmpp',
    name: accountId,
    state: 'offline',
    autoConnect: false,
    tls: 'starttls',
    ...over,
  };
}

beforeEach(() => useAppStore.setState(useAppStore.getInitialState(), true));

describe('accounts', () => {
  it('patches only the account named', () => {
    setAccounts([account('a'), account('b')]);
    patchAccount('a', { state: 'online' });
    expect(useAppStore.getState().accounts.map((a) => a.state)).toEqual(['online', 'offline']);
  });

  it('clears an error when the patch gives none', () => {
    setAccounts([account('a', { state: 'error', error: 'refused' })]);
    patchAccount('a', { state: 'connecting', error: undefined });
    expect(accountById('a')?.error).toBeUndefined();
  });

  it('finds an account by id, or nothing', () => {
    setAccounts([account('a')]);
    expect(accountById('a')?.accountId).toBe('a');
    expect(accountById('z')).toBeUndefined();
  });
});

describe('connection and presence', () => {
  it('records why the connection to the core was lost', () => {
    connectionLost('socket closed');
    expect(useAppStore.getState().connection).toEqual({ state: 'lost', reason: 'socket closed' });
  });

  it('keeps the chosen presence per account, leaving out an empty status message', () => {
    setChosenPresence('a', 'away', 'lunch');
    setChosenPresence('b', 'dnd', '');
    expect(useAppStore.getState().presence).toEqual({
      a: { availability: 'away', status: 'lunch' },
      b: { availability: 'dnd' },
    });
  });
});
