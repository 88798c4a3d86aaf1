import { useAppStore } from '../store/app-store';
import { AccountList } from './AccountList';

export function App() {
  const connection = useAppStore((s) => s.connection);
  const info = useAppStore((s) => s.info);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Sotto</h1>
        {info && (
          <p className="app-version" data-testid="app-version">
            {info.name} {info.version}
          </p>
        )}
      </header>
      <main>
        {connection.state === 'connecting' && <p role="status">Connecting to Sotto…</p>}
        {connection.state === 'lost' && (
          <p role="alert" className="error">
            Lost the connection to Sotto: {connection.reason}
          </p>
        )}
        {connection.state === 'ready' && <AccountList />}
      </main>
    </div>
  );
}
