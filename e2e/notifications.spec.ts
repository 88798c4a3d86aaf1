/** Desktop notifications while the window is in the background, and the unread count in the title. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';

declare global {
  interface Window {
    shownNotifications: { title: string; body: string }[];
  }
}

test('in the background, new messages and authentication requests raise a notification that never shows private text; the title counts unread', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  // The window "loses" the focus and the Notification API records what it is asked to show.
  await page.addInitScript(() => {
    window.shownNotifications = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        window.shownNotifications.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification });
    document.hasFocus = () => false;
  });
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await expect(page).toHaveTitle(/^\(\d+\) Sotto$/);

  await bob.send(alice.jid, 'a private secret');
  await expect
    .poll(() => page.evaluate(() => window.shownNotifications))
    .toContainEqual({ title: bob.address, body: 'New private message' });
  const shown = await page.evaluate(() => JSON.stringify(window.shownNotifications));
  expect(shown).not.toContain('a private secret');

  await bob.sotto.call('otr.smp.start', {
    accountId: bob.accountId,
    peer: alice.jid,
    secret: 'x',
    question: 'Favourite tea?',
  });
  await expect
    .poll(() => page.evaluate(() => window.shownNotifications))
    .toContainEqual({ title: `${bob.address} wants to authenticate you`, body: 'They ask: Favourite tea?' });
});
