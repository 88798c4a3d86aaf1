/**
 * Electron hardening applied to every web contents: no navigation away from the
 * app, no new windows, no webviews, no permissions. Links open in the system
 * browser only after the user confirms, and only for http(s) and mailto.
 */
import { app, dialog, shell, type Session, type WebContents } from 'electron';

export const APP_ORIGIN = 'sotto://app';

const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

async function openExternallyAfterConfirm(contents: WebContents, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return;
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: parsed.href,
  });
  // Reviewed: only http(s) and mailto, and only after the user confirmed the exact address.
  if (response === 0 && !contents.isDestroyed()) await shell.openExternal(parsed.href); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      void openExternallyAfterConfirm(contents, url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternallyAfterConfirm(contents, url);
      return { action: 'deny' };
    });
  });
}

/** IPC is answered only for our own top-level page, never for a subframe or another origin. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  if (!frame || frame.parent) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
