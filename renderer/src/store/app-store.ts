/** The renderer's state: what the core told us, nothing the core does not know. */
import { create } from 'zustand';
import type { AccountSummary, CommandResult } from '../../../app/api/contract';
import type { ApiClient } from '../api/client';

export type Connection = { state: 'connecting' } | { state: 'ready' } | { state: 'lost'; reason: string };

interface AppState {
  connection: Connection;
  info?: CommandResult<'app.info'>;
  accounts: AccountSummary[];
}

export const useAppStore = create<AppState>(() => ({
  connection: { state: 'connecting' },
  accounts: [],
}));

export function connectionLost(reason: string): void {
  useAppStore.setState({ connection: { state: 'lost', reason } });
}

/** Loads the first state from the core and follows its events. */
export async function loadFromCore(api: ApiClient): Promise<void> {
  api.on('account.state', (event) => {
    useAppStore.setState((s) => ({
      accounts: s.accounts.map((a) => (a.accountId === event.accountId ? { ...a, state: event.state, error: event.error } : a)),
    }));
  });
  const [info, accounts] = await Promise.all([api.call('app.info', {}), api.call('account.list', {})]);
  useAppStore.setState({ info, accounts, connection: { state: 'ready' } });
}
