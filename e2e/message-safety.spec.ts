/** Incoming text is text: HTML is sanitized or shown literally, nothing in a message runs, links ask first. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { shot } from './support/ui';

declare global {
  interface Window {
    sottoPwned?: number;
  }
}

test('a message with <script> or <img onerror> is shown as the text that was sent and runs nothing; Pidgin-style formatting is kept', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  const script = '<script>window.sottoPwned = 1; alert("script ran")</script>hello';
  const img = '<img src="x" onerror="window.sottoPwned = 2; alert(\'onerror ran\')">';
  const formatted = '<B>bold</B> and <A HREF="https://example.org/pidgin">a Pidgin link</A> &amp; more';
  for (const text of [script, img, formatted]) await bob.send(alice.jid, text);

  const texts = page.getByTestId('message-text');
  await expect(texts.filter({ hasText: 'a Pidgin link' })).toBeVisible();
  await expect(texts.filter({ hasText: script })).toHaveText(script);
  await expect(texts.filter({ hasText: img })).toHaveText(img);
  const pidgin = texts.filter({ hasText: 'a Pidgin link' });
  await expect(pidgin).toHaveText('bold and a Pidgin link & more');
  await expect(pidgin.locator('strong')).toHaveText('bold');
  await expect(pidgin.getByRole('link', { name: 'a Pidgin link' })).toHaveAttribute(
    'href',
    'https://example.org/pidgin',
  );
  // Nothing was injected: no script or img element exists in the conversation at all.
  await expect(page.getByTestId('message-list').locator('script, img')).toHaveCount(0);
  await shot(page, 'conversation-html-as-text');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.sottoPwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('a link in a message opens only after confirmation, in a new tab with no opener', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  const target = `${sotto.origin}/not-served-${Date.now()}`;
  await bob.send(alice.jid, `Have a look: ${target}.`);
  const link = page.getByRole('link', { name: target });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

  // Cancel: nothing opens.
  await link.click();
  const confirm = page.getByTestId('link-confirm');
  await expect(confirm.getByTestId('link-address')).toHaveText(target);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, 'link-confirm');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  expect(page.context().pages()).toHaveLength(1);

  // Open: a new tab, without window.opener.
  await link.click();
  const opened = page.context().waitForEvent('page');
  await confirm.getByRole('button', { name: 'Open in browser' }).click();
  const tab = await opened;
  await tab.waitForLoadState();
  expect(tab.url()).toBe(target);
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();
});
