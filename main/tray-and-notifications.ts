/**
 * The desktop around the window: a tray icon that shows when messages are
 * unread, and notifications for new messages and authentication requests while
 * the window is not focused. The contents of private (OTR) messages never go
 * into a notification: the OS may keep notifications in its own history.
 */
import { Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { SottoCore } from '../app/core/sotto-core';

export function attachTrayAndNotifications(
  core: SottoCore,
  window: () => BrowserWindow | undefined,
  resourcesDir: string,
): Tray {
  const tray = new Tray(nativeImage.createFromPath(join(resourcesDir, 'icon.png')).resize({ width: 22, height: 22 }));
  tray.setToolTip('Sotto');
  const focusWindow = () => {
    const win = window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  tray.on('click', focusWindow);
  const notify = (title: string, body: string) => {
    const win = window();
    if (win?.isFocused() || !Notification.isSupported() || !core.settings.view().notifications) return;
    const n = new Notification({ title, body, silent: false });
    n.on('click', focusWindow);
    n.show();
  };
  core.onEvent((name, payload) => {
    if (name === 'buddy.updated' || name === 'message.received') {
      const unread = core.buddies.list().reduce((sum, b) => sum + b.unread, 0);
      tray.setToolTip(unread ? `Sotto: ${unread} unread` : 'Sotto');
      tray.setTitle(unread ? String(unread) : '');
    }
    if (name === 'message.received') {
      const m = payload as { peer: string; text: string; encrypted: boolean };
      notify(m.peer, m.encrypted ? 'New private message' : m.text.slice(0, 200));
    }
    if (name === 'otr.smp') {
      const s = payload as { peer: string; event: string };
      if (s.event === 'request') notify(s.peer, `${s.peer} wants to authenticate you`);
    }
  });
  return tray;
}
