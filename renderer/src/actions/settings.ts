/** Preferences and OTR policies. */
import type { CommandParams } from '../../../app/api/contract';
import type { SettingsDto } from '../../../app/api/shapes';
import { api } from '../api/api';
import { applySettings, useSettingsStore } from '../store/settings-store';

export type PolicyLevel = CommandParams<'otr.setPolicy'>['policy'];

export async function loadSettings(): Promise<void> {
  applySettings(await api().call('settings.get', {}), true);
}

/** Applies at once (the theme shows immediately), then saves; rolls back if the core refuses. */
export async function saveSettings(patch: CommandParams<'settings.set'>): Promise<void> {
  const before = useSettingsStore.getState();
  // A field the patch leaves undefined keeps its value, as the core reads it.
  const merged: SettingsDto = {
    logging: patch.logging ?? before.settings.logging,
    notifications: patch.notifications ?? before.settings.notifications,
    theme: patch.theme ?? before.settings.theme,
  };
  applySettings(merged, before.fromCore);
  try {
    applySettings(await api().call('settings.set', patch), true);
  } catch (err) {
    applySettings(before.settings, before.fromCore);
    throw err;
  }
}

export function getPolicy(accountId: string, peer?: string): Promise<{ policy: PolicyLevel; inherited: boolean }> {
  return api().call('otr.getPolicy', { accountId, ...(peer ? { peer } : {}) });
}

export async function setPolicy(accountId: string, policy: PolicyLevel, peer?: string): Promise<void> {
  await api().call('otr.setPolicy', { accountId, policy, ...(peer ? { peer } : {}) });
}
