/** Preferences as the core keeps them; the theme is applied to the document here. */
import { create } from 'zustand';
import type { SettingsDto } from '../../../app/api/shapes';

interface SettingsState {
  settings: SettingsDto;
  /** False until the core answered settings.get (older cores do not have it). */
  fromCore: boolean;
}

export const DEFAULT_SETTINGS: SettingsDto = { logging: { plaintext: false }, notifications: true, theme: 'system' };

export const useSettingsStore = create<SettingsState>(() => ({ settings: DEFAULT_SETTINGS, fromCore: false }));

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

/**
 * The page gets the theme it shows (`data-theme`: light or dark), resolved here
 * from the setting (`data-theme-setting`), so the stylesheet names each palette
 * once; "system" follows the OS as it changes.
 */
function applyTheme(): void {
  const setting = useSettingsStore.getState().settings.theme;
  const root = document.documentElement;
  root.dataset.themeSetting = setting;
  root.dataset.theme = setting === 'dark' || (setting === 'system' && systemDark.matches) ? 'dark' : 'light';
}
systemDark.addEventListener('change', applyTheme);
// Before the core answers: the system's choice, so a dark desktop gets no white flash.
applyTheme();

export function applySettings(settings: SettingsDto, fromCore: boolean): void {
  useSettingsStore.setState({ settings, fromCore });
  applyTheme();
}
