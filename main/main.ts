/**
 * The Electron main process: one hardened window showing the renderer from the
 * sotto:// scheme, and the app core wired to it over IPC. Everything else lives
 * in app/, which runs without Electron.
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { IPC_CALL, IPC_EVENT } from '../app/api/bridge';
import { dispatchCommand } from '../app/core/dispatch';
import { createCore } from '../app/core/create-core';
import { stderrLogger } from '../app/log';
import { defaultProfileDir, ensureProfileDir } from '../app/profile';
import { rendererCsp } from '../app/security/csp';
import { readStaticFile } from '../app/transport/static-files';
import { APP_ORIGIN, denyAllPermissions, hardenAllWebContents, isTrustedSender } from './hardening';
import { safeStorageKeyStore } from './safe-storage-key-store';
import { osKeystoreSecretStore } from './safe-storage-secrets';
import { attachTrayAndNotifications } from './tray-and-notifications';

protocol.registerSchemesAsPrivileged([{ scheme: 'sotto', privileges: { standard: true, secure: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1000,
    height: 700,
    title: 'Sotto',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only the typed API bridge (main/preload.ts).
      preload: join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenAllWebContents();
  denyAllPermissions(session.defaultSession);
  const csp = rendererCsp();
  protocol.handle('sotto', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? await readStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType, 'content-security-policy': csp },
    });
  });

  const profileDir = await ensureProfileDir(process.env.SOTTO_PROFILE ?? defaultProfileDir());
  const osKeyStore = await safeStorageKeyStore();
  const core = await createCore({
    profileDir,
    frontEnd: 'electron',
    logger: stderrLogger(),
    secrets: osKeystoreSecretStore(profileDir),
    ...(osKeyStore ? { osKeyStore } : {}),
  });
  ipcMain.handle(IPC_CALL, (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame))
      return { ok: false, error: { code: -32600, message: 'Refused: untrusted sender' } };
    if (typeof method !== 'string') return { ok: false, error: { code: -32600, message: 'method must be a string' } };
    return dispatchCommand(core, method, params);
  });
  core.onEvent((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, name, payload);
  });

  mainWindow = createWindow();
  attachTrayAndNotifications(core, () => mainWindow, join(__dirname, '..', '..', 'resources'));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    void core.close().then(() => app.quit());
  });
}

// A second launch only focuses the first window (see 'second-instance').
if (app.requestSingleInstanceLock()) void start();
else app.quit();
