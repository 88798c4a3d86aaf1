/** Steps through the real UI that several specs share: open the app, add an account through the dialog, screenshots. */
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS, type BrowserSotto } from '../fixtures';

export async function openApp(page: Page, sotto: BrowserSotto): Promise<void> {
  await page.setViewportSize({ width: 1180, height: 760 });
  await page.goto(sotto.url);
  await expect(page.getByTestId('buddy-pane')).toBeVisible();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function openAddAccount(page: Page) {
  const dialog = page.getByTestId('accounts-dialog');
  if (!(await dialog.isVisible()))
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  if (await dialog.getByRole('button', { name: 'Add an account…' }).isVisible())
    await dialog.getByRole('button', { name: 'Add an account…' }).click();
  await expect(dialog.getByRole('form', { name: 'Add an account' })).toBeVisible();
  return dialog;
}

/** Adds an XMPP account through the Accounts dialog (plain connection to the local test server) and waits for the result. */
export async function addXmppAccount(
  page: Page,
  a: { jid: string; password: string; host: string; port: number },
  expectOnline = true,
): Promise<void> {
  const dialog = await openAddAccount(page);
  await dialog.getByRole('radio', { name: 'XMPP (Jabber)' }).check();
  await dialog.getByLabel('Address (JID)').fill(a.jid);
  await dialog.getByLabel('Password', { exact: true }).fill(a.password);
  await dialog.getByText('Server settings (optional)').click();
  await dialog.getByLabel(/^Server/).fill(a.host);
  await dialog.getByLabel('Port').fill(String(a.port));
  await dialog.getByLabel('Connection security').selectOption('none');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  if (expectOnline) {
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId('account-row').filter({ hasText: a.jid }).getByTestId('account-state')).toHaveText(
      'Online',
    );
  }
}

export async function addIrcAccount(page: Page, a: { nick: string; host: string; port: number }): Promise<void> {
  const dialog = await openAddAccount(page);
  await dialog.getByRole('radio', { name: 'IRC' }).check();
  await dialog.getByLabel('Nickname').fill(a.nick);
  await dialog.getByLabel('Server', { exact: true }).fill(a.host);
  await dialog.getByLabel('Port').fill(String(a.port));
  await dialog.getByLabel('Use TLS').uncheck();
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('account-row').filter({ hasText: a.nick }).getByTestId('account-state')).toHaveText(
    'Online',
  );
}

/** The OTR button of the visible conversation. */
export const otrButton = (page: Page) => page.getByTestId('otr-button');

export async function otrMenu(page: Page, item: string | RegExp): Promise<void> {
  await otrButton(page).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** A buddy's row in the buddy list, under its roster group. */
export const buddyRow = (page: Page, group: string, name: string) =>
  page.locator(`[data-testid="buddy"][data-group="${group}"]`).filter({ hasText: name });
