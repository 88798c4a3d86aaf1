/** The window's header: the name, and the places every action starts from. */
import { useAppStore } from '../store/app-store';
import { openDialog } from '../store/ui-store';

export function Toolbar() {
  const info = useAppStore((s) => s.info);
  const ready = useAppStore((s) => s.connection.state === 'ready');
  return (
    <header className="app-header">
      <h1>Sotto</h1>
      {info && (
        <p className="app-version" data-testid="app-version">
          {info.name} {info.version}
        </p>
      )}
      {ready && (
        <nav aria-label="Main" className="main-nav">
          <button type="button" onClick={() => openDialog('accounts')}>
            Accounts
          </button>
          <button type="button" onClick={() => openDialog('keys')}>
            Keys and fingerprints
          </button>
          <button type="button" onClick={() => openDialog('preferences')}>
            Preferences
          </button>
        </nav>
      )}
    </header>
  );
}
