/** Logging, notifications and theme. Each change is saved at once. */
import { useState } from 'react';
import type { SettingsDto } from '../../../../app/api/shapes';
import { saveSettings } from '../../actions/settings';
import { errorText } from '../../lib/errors';
import { currentNotifier } from '../../notify/notifier';
import { useSettingsStore } from '../../store/settings-store';
import { ErrorText } from '../common/ErrorText';

const THEMES: { value: SettingsDto['theme']; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function GeneralPrefs() {
  const settings = useSettingsStore((s) => s.settings);
  const [error, setError] = useState<string>();
  const [permission, setPermission] = useState(currentNotifier().permission());
  const save = (patch: Parameters<typeof saveSettings>[0]) => {
    setError(undefined);
    saveSettings(patch).catch((err: unknown) => setError(errorText(err)));
  };
  return (
    <>
      <section aria-labelledby="prefs-logging">
        <h3 id="prefs-logging">Logging</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.logging.plaintext}
            onChange={(e) => save({ logging: { plaintext: e.target.checked } })}
          />
          Keep a log of conversations that are not private
        </label>
        <p className="hint">Private (OTR) conversations are not logged, unless you turn it on for one buddy above.</p>
      </section>
      <section aria-labelledby="prefs-notifications">
        <h3 id="prefs-notifications">Notifications</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(e) => save({ notifications: e.target.checked })}
          />
          Show a desktop notification for new messages and authentication requests while Sotto is in the background
        </label>
        {settings.notifications && permission === 'default' && (
          <button type="button" onClick={() => void currentNotifier().requestPermission().then(setPermission)}>
            Allow notifications
          </button>
        )}
        {settings.notifications && permission === 'denied' && (
          <p className="hint">
            Notifications are blocked for Sotto: allow them in the browser’s or the system’s settings.
          </p>
        )}
        <p className="hint">Notifications of private messages never show what was said.</p>
      </section>
      <section aria-labelledby="prefs-theme">
        <h3 id="prefs-theme">Appearance</h3>
        <fieldset>
          <legend>Theme</legend>
          {THEMES.map((t) => (
            <label key={t.value} className="radio">
              <input
                type="radio"
                name="theme"
                checked={settings.theme === t.value}
                onChange={() => save({ theme: t.value })}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
      </section>
      <ErrorText text={error} />
    </>
  );
}
