/** The renderer's state about the core and the accounts: what the core told us, nothing it does not know. */
import { create } from 'zustand';
import type { CommandResult, EventPayload } from '../../../app/api/contract';
import type { AccountSummary } from '../../../app/api/shapes';

export type Connection = { state: 'connecting' } | { state: 'ready' } | { state: 'lost'; reason: string };
export type Availability = EventPayload<'buddy.updated'>['presence']['availability'];

interface AppState {
  connection: Connection;
  info?: CommandResult<'app.info'>;
  accounts: AccountSummary[];
  /** What each account's user chose (the core reports connection states, not this). */
  presence: Record<string, { availability: Availability; status?: string }>;
}

export const useAppStore = create<AppState>(() => ({
  connection: { state: 'connecting' },
  accounts: [],
  presence: {},
}));

export function connectionLost(reason: string): void {
  useAppStore.setState({ connection: { state: 'lost', reason } });
}

export function setAccounts(accounts: AccountSummary[]): void {
  useAppStore.setState({ accounts });
}

export function patchAccount(accountId: string, patch: Partial<AccountSummary>): void {
  useAppStore.setState((s) => ({
    accounts: s.accounts.map((a) => (a.accountId === accountId ? { ...a, ...patch } : a)),
  }));
}

export function setChosenPresence(accountId: string, availability: Availability, status?: string): void {
  useAppStore.setState((s) => ({
    presence: { ...s.presence, [accountId]: { availability, ...(status ? { status } : {}) } },
  }));
}

export function accountById(accountId: string): AccountSummary | undefined {
  return useAppStore.getState().accounts.find((a) => a.accountId === accountId);
}
