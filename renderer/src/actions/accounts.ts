/** Accounts: add, edit, remove, connect, presence, certificates. Errors are thrown to the dialog that asked. */
import type { CommandParams } from '../../../app/api/contract';
import type { AccountParams } from '../../../app/api/shapes';
import { api } from '../api/api';
import { accountById, setAccounts, setChosenPresence, type Availability } from '../store/app-store';
import { dropCertificate } from '../store/ui-store';

export async function refreshAccounts(): Promise<void> {
  setAccounts(await api().call('account.list', {}));
}

export async function addAccount(params: AccountParams): Promise<{ accountId: string; warnings: string[] }> {
  const result = await api().call('account.add', params);
  await refreshAccounts();
  return result;
}

export async function updateAccount(params: CommandParams<'account.update'>): Promise<void> {
  await api().call('account.update', params);
  await refreshAccounts();
}

export async function removeAccount(accountId: string): Promise<void> {
  await api().call('account.remove', { accountId });
  await refreshAccounts();
}

export async function connectAccount(accountId: string): Promise<void> {
  try {
    await api().call('account.connect', { accountId });
  } finally {
    // The key may have been made on this first connection: the summary carries its fingerprint.
    await refreshAccounts();
  }
}

/** Disconnects asked for and not yet answered: until the core reports them, the store still says online. */
const disconnecting = new Map<string, Promise<unknown>>();

export async function disconnectAccount(accountId: string): Promise<void> {
  const call = api().call('account.disconnect', { accountId });
  disconnecting.set(accountId, call);
  try {
    await call;
  } finally {
    if (disconnecting.get(accountId) === call) disconnecting.delete(accountId);
  }
}

/** The status selector: offline disconnects, anything else connects first when needed. */
export async function choosePresence(accountId: string, availability: Availability, status?: string): Promise<void> {
  setChosenPresence(accountId, availability, status);
  if (availability === 'offline') return disconnectAccount(accountId);
  // Offline chosen a moment ago: decide once the core has said so, or the store's
  // "online" would skip the connect, and the presence would go to the closing connection.
  await disconnecting.get(accountId)?.catch(() => undefined);
  const account = accountById(accountId);
  if (account && account.state !== 'online') await connectAccount(accountId);
  // Always said, even "available" right after connecting: the connection announces the
  // presence it remembers from before (away, say), not the one just chosen.
  await api().call('presence.set', { accountId, availability, ...(status ? { status } : {}) });
}

export async function acceptCertificate(accountId: string, fingerprint: string): Promise<void> {
  await api().call('account.acceptCertificate', { accountId, fingerprint });
  dropCertificate(accountId);
  await connectAccount(accountId);
}
