/** My OTR keys: generate, import from Pidgin (libotr files), export. */
import { api } from '../api/api';
import { setKeygen } from '../store/otr-store';
import { refreshAccounts } from './accounts';
import { refreshFingerprints } from './otr';

export async function generateKey(accountId: string): Promise<void> {
  setKeygen(accountId, 'started');
  try {
    await api().call('otr.keys.generate', { accountId });
    setKeygen(accountId, 'finished');
  } catch (err) {
    setKeygen(accountId, 'failed', err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    await refreshAccounts();
  }
}

export async function importKeys(dir: string): Promise<string[]> {
  const report = await api().call('otr.keys.import', { dir });
  await Promise.all([refreshAccounts(), refreshFingerprints()]);
  return report.lines;
}

export async function exportKeys(dir: string): Promise<string[]> {
  return (await api().call('otr.keys.export', { dir })).lines;
}
