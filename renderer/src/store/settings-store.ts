/** Preferences as the core keeps them; the theme is applied to the document here. */
import { create } from 'zustand';
import type { SettingsDto } from '../../../app/api/contract';

interface SettingsState {
  settings: SettingsDto;
  /** False until the core answered settings.get (older cores do not have it). */
  fromCore: boolean;
}

export const DEFAULT_SETTINGS: SettingsDto = { logging: { plaintext: false }, notifications: true, theme: 'system' };

export const useSettingsStore = create<SettingsState>(() => ({ settings: DEFAULT_SETTINGS, fromCore: false }));

export function applySettings(settings: SettingsDto, fromCore: boolean): void {
  useSettingsStore.setState({ settings, fromCore });
  document.documentElement.dataset.theme = settings.theme;
}
