/** A server certificate the system does not trust: shown in full, and accepted only by the user. */
import { expect, test } from './fixtures';
import { openApp, shot } from './support/ui';

test('an untrusted server certificate is shown with its fingerprint and details; Accept connects, and the account stays connected', async ({
  page,
  sotto,
  prosody,
  xmppUser,
}) => {
  const alice = xmppUser('alice');
  await openApp(page, sotto);
  await page.getByRole('main').getByRole('button', { name: 'Add an account' }).click();
  const dialog = page.getByTestId('accounts-dialog');
  await dialog.getByLabel('Address (JID)').fill(alice.jid);
  await dialog.getByLabel('Password', { exact: true }).fill(alice.password);
  await dialog.getByText('Server settings (optional)').click();
  await dialog.getByLabel(/^Server/).fill(prosody.host);
  await dialog.getByLabel('Port').fill(String(prosody.port));
  await expect(dialog.getByLabel('Connection security')).toHaveValue('starttls');
  await dialog.getByRole('button', { name: 'Add account' }).click();

  const certificate = page.getByTestId('certificate-dialog');
  await expect(certificate).toBeVisible({ timeout: 20_000 });
  await expect(certificate.getByTestId('certificate-fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await expect(certificate).toContainText('localhost');
  await expect(certificate.getByRole('button', { name: 'Reject' })).toBeFocused();
  await shot(page, 'certificate');
  await certificate.getByRole('button', { name: 'Accept this certificate and connect' }).click();
  await expect(certificate).toBeHidden();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('account-row').getByTestId('account-state')).toHaveText('Online');
});
