import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { connectionLost, loadFromCore } from './store/app-store';
import { App } from './views/App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

connectApi(connectionLost)
  .then(loadFromCore)
  .catch((err: unknown) => connectionLost(err instanceof Error ? err.message : String(err)));
