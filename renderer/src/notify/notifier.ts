/**
 * Desktop notifications behind one small interface, so the Electron shell can
 * route them through the main process; in browser mode the Notification API.
 * Nothing is shown while the window has the focus.
 */
export interface DesktopNotification {
  title: string;
  body: string;
  /** Same tag: the newer notification replaces the older one. */
  tag: string;
  onClick?: () => void;
}

export interface Notifier {
  permission(): 'granted' | 'denied' | 'default';
  requestPermission(): Promise<'granted' | 'denied' | 'default'>;
  show(n: DesktopNotification): void;
}

const browserNotifier: Notifier = {
  permission: () => (typeof Notification === 'undefined' ? 'denied' : Notification.permission),
  requestPermission: async () => (typeof Notification === 'undefined' ? 'denied' : Notification.requestPermission()),
  show(n) {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const shown = new Notification(n.title, { body: n.body, tag: n.tag, icon: './icon.svg' });
    shown.onclick = () => {
      window.focus();
      n.onClick?.();
      shown.close();
    };
  },
};

/** Under Electron the main process shows notifications itself (main/tray-and-notifications.ts): the window stays quiet. */
const shownByMain: Notifier = {
  permission: () => 'granted',
  requestPermission: async () => 'granted',
  show: () => undefined,
};

const notifier: Notifier = typeof window !== 'undefined' && window.sottoBridge ? shownByMain : browserNotifier;

export function currentNotifier(): Notifier {
  return notifier;
}

export function showIfUnfocused(n: DesktopNotification, enabled: boolean): void {
  if (!enabled || document.hasFocus()) return;
  notifier.show(n);
}
