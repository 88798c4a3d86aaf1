/** The one window: header, buddy list, conversations, and whatever dialogs are open. */
import { useAppStore } from '../store/app-store';
import { BuddyPane } from './buddies/BuddyPane';
import { ConversationPane } from './conversations/ConversationPane';
import { Dialogs } from './Dialogs';
import { Notices } from './Notices';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './useShortcuts';

export function App() {
  const connection = useAppStore((s) => s.connection);
  useShortcuts();
  return (
    <div className="app">
      <Toolbar />
      {connection.state === 'connecting' && (
        <main className="app-status">
          <p role="status">Connecting to Sotto…</p>
        </main>
      )}
      {connection.state === 'lost' && (
        <main className="app-status">
          <p role="alert" className="error">
            Lost the connection to Sotto: {connection.reason}. Reload the window to reconnect.
          </p>
        </main>
      )}
      {connection.state === 'ready' && (
        <div className="panes">
          <BuddyPane />
          <ConversationPane />
        </div>
      )}
      <Dialogs />
      <Notices />
    </div>
  );
}
