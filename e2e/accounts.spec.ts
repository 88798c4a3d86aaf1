/** Accounts through the dialog: a wrong password says so in words, and can be corrected in place. */
import { expect, test } from './fixtures';
import { addXmppAccount, openApp, shot } from './support/ui';

test('an account added with a wrong password shows a readable error, and the corrected password connects it', async ({
  page,
  sotto,
  prosody,
  xmppUser,
}) => {
  const alice = xmppUser('alice');
  await openApp(page, sotto);
  await addXmppAccount(
    page,
    { jid: alice.jid, password: 'not the password', host: prosody.host, port: prosody.port },
    false,
  );

  const dialog = page.getByTestId('accounts-dialog');
  const error = dialog.getByTestId('account-form-error');
  await expect(error).toContainText('Wrong password or user name', { timeout: 20_000 });
  await expect(error).toContainText(alice.jid);
  await expect(error).toHaveAttribute('role', 'alert');
  await shot(page, 'account-wrong-password');
  // The buddy list says it too.
  await expect(page.getByTestId('account-row').getByTestId('account-error')).toContainText('Wrong password');

  // Correct it in the same form: the account is not added twice.
  await dialog.getByLabel(/New password/).fill(alice.password);
  await dialog.getByRole('button', { name: 'Connect again' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await expect(page.getByTestId('account-row').getByTestId('account-state')).toHaveText('Online');
});

test('the status selector disconnects and reconnects an account; the Accounts dialog removes it after a confirmation', async ({
  page,
  sotto,
  prosody,
  xmppUser,
}) => {
  const alice = xmppUser('alice');
  await openApp(page, sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: prosody.host, port: prosody.port });
  const row = page.getByTestId('account-row');
  await row.getByLabel(`Status of ${alice.jid}`).selectOption('offline');
  await expect(row.getByTestId('account-state')).toHaveText('Offline');
  await row.getByLabel(`Status of ${alice.jid}`).selectOption('available');
  await expect(row.getByTestId('account-state')).toHaveText('Online');
  await row.getByLabel(`Status message of ${alice.jid}`).fill('back at 3');
  await row.getByLabel(`Status of ${alice.jid}`).selectOption('away');
  await expect(row.locator('svg[data-presence="away"]')).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveCount(0);

  // Edit: the form knows the account; what is left empty stays as it was.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  const accountsDialog = page.getByTestId('accounts-dialog');
  await accountsDialog.getByRole('button', { name: `Edit ${alice.jid}` }).click();
  await expect(accountsDialog.getByRole('heading', { name: `Edit ${alice.jid}` })).toBeVisible();
  await accountsDialog.getByLabel('Connect when Sotto starts').uncheck();
  await accountsDialog.getByLabel('Connect now').uncheck();
  await accountsDialog.getByRole('button', { name: 'Save' }).click();
  const managed = accountsDialog.getByTestId('manage-account');
  await expect(managed).toContainText(alice.jid);
  // Nothing else changed: it still connects the way it did.
  await managed.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await managed.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(managed).toContainText('Online');
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  const dialog = page.getByTestId('accounts-dialog');
  await dialog.getByRole('button', { name: `Remove ${alice.jid}` }).click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText(`Remove ${alice.jid}?`);
  await confirm.getByRole('button', { name: 'Remove account' }).click();
  await expect(dialog.getByTestId('manage-account')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('no-accounts')).toBeVisible();
});
