import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFromCore } from './actions/load';
import { connectApi } from './api/connect';
import { followUnreadInTitle } from './notify/title';
import { connectionLost } from './store/app-store';
import { applySettings, DEFAULT_SETTINGS } from './store/settings-store';
import { App } from './views/App';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
applySettings(DEFAULT_SETTINGS, false);
followUnreadInTitle();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

connectApi(connectionLost)
  .then(loadFromCore)
  .catch((err: unknown) => connectionLost(err instanceof Error ? err.message : String(err)));
