/** Preferences: OTR policy per account and per buddy in plain words, logging, notifications, theme; all kept by the core. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { shot } from './support/ui';

test('policies per account and per buddy, logging, notifications and the theme are saved in the core and survive a reload', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Preferences' }).click();
  const prefs = page.getByTestId('preferences');
  const accountPolicy = prefs.getByRole('group', { name: `Private conversations on ${alice.jid}` });
  await expect(accountPolicy.getByRole('radio', { name: /Automatically when possible/ })).toBeChecked();
  await accountPolicy.getByRole('radio', { name: /Always/ }).check();

  await prefs.getByLabel('Buddy', { exact: true }).selectOption({ label: `${bob.address} (${alice.jid})` });
  await expect(prefs.getByText('Now the same as the account: Always')).toBeVisible();
  await prefs
    .getByRole('group', { name: `Private conversations with ${bob.address}` })
    .getByRole('radio', { name: /Only when I ask/ })
    .check();
  await prefs.getByLabel(`Also log private (OTR) conversations with ${bob.address}`).check();

  await prefs.getByLabel('Keep a log of conversations that are not private').check();
  await prefs.getByLabel(/Show a desktop notification/).uncheck();
  await prefs.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 23, 27)');
  await shot(page, 'preferences-dark');
  await page.keyboard.press('Escape');

  // What the core kept, seen by a fresh window.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await nav.getByRole('button', { name: 'Preferences' }).click();
  await expect(
    prefs.getByRole('group', { name: `Private conversations on ${alice.jid}` }).getByRole('radio', { name: /Always/ }),
  ).toBeChecked();
  await prefs.getByLabel('Buddy', { exact: true }).selectOption({ label: `${bob.address} (${alice.jid})` });
  await expect(
    prefs
      .getByRole('group', { name: `Private conversations with ${bob.address}` })
      .getByRole('radio', { name: /Only when I ask/ }),
  ).toBeChecked();
  await expect(prefs.getByLabel('Keep a log of conversations that are not private')).toBeChecked();
  await expect(prefs.getByLabel(`Also log private (OTR) conversations with ${bob.address}`)).toBeChecked();
  await expect(prefs.getByLabel(/Show a desktop notification/)).not.toBeChecked();
  await prefs.getByRole('radio', { name: 'Same as the system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme-setting', 'system');
  // "Same as the system" follows the OS, also when it changes while Sotto runs.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
