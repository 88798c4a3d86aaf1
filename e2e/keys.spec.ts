/** Keys and fingerprints: mine, my buddies' with trust, a changed key nobody can miss, Pidgin export and import. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { addXmppAccount, otrButton, shot } from './support/ui';

test('the keys page shows my fingerprint and the buddy’s, and Verify / Forget change their trust', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  // Two Sottos speak OTR v4: the buddy's key on the page is his v4 one.
  const bobFingerprint = (
    await bob.sotto.call<{ v4: { formatted: string } }>('otr.fingerprint.mine', { accountId: bob.accountId })
  ).v4;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keys and fingerprints' }).click();
  const keys = page.getByTestId('keys-dialog');
  await expect(keys.getByTestId('my-key').filter({ hasText: alice.jid }).getByTestId('fingerprint')).toHaveText(
    /^([0-9A-F]{8} ){4}[0-9A-F]{8}$/,
  );
  const row = keys.getByTestId('known-fingerprint').filter({ hasText: bob.address });
  await expect(row.getByTestId('fingerprint')).toHaveText(bobFingerprint.formatted);
  await expect(row).toContainText('Not verified');

  await row.getByRole('button', { name: `Verify ${bob.address}` }).click();
  await expect(row).toContainText('Verified by you');
  await shot(page, 'keys-page');
  await page.keyboard.press('Escape');
  await expect(otrButton(page)).toContainText('Private');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keys and fingerprints' }).click();
  await row.getByRole('button', { name: `Forget fingerprint of ${bob.address}` }).click();
  await page.getByTestId('confirm').getByRole('button', { name: 'Forget', exact: true }).click();
  await expect(row).toHaveCount(0);
});

test('a buddy whose key changed after it was verified gets a warning that cannot be missed', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  persona,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(
    page,
    { sotto, prosody, xmppUser, peer },
    { me: persona('heidi'), buddy: persona('ivan') },
  );
  const bobUser = { jid: bob.address, password: 'correct horse' };
  // alice verifies bob's key by fingerprint.
  await page.getByTestId('otr-button').click();
  await page.getByRole('menuitem', { name: 'Authenticate buddy…' }).click();
  const wizard = page.getByTestId('auth-wizard');
  await wizard.getByRole('radio', { name: /Compare fingerprints/ }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('radio', { name: /I have verified/ }).check();
  await wizard.getByRole('button', { name: 'Save' }).click();
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(otrButton(page)).toContainText('Private');

  // "bob" comes back with another key (a new profile: a new device, or someone else).
  await bob.sotto.stop();
  const impostor = await peer({
    protocol: 'xmpp',
    jid: bobUser.jid,
    password: bobUser.password,
    host: prosody.host,
    port: prosody.port,
  });
  await impostor.send(alice.jid, 'hi, it is me again');
  const warning = page.getByTestId('key-changed');
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toHaveAttribute('role', 'alert');
  await expect(warning).toContainText(`${bob.address} is also signed in with a key you have not verified`);
  // Messages stay with the verified key: Sotto never moves away from it by itself.
  await expect(otrButton(page)).toContainText('Private');
  await expect(otrButton(page)).not.toContainText('Unverified');
  await expect(page.getByTestId('system-line').and(page.locator('[data-level="error"]'))).toContainText('CHANGED');
  await impostor.send(alice.jid, 'please answer here');
  await expect(
    page.getByTestId('message').filter({ hasText: 'please answer here' }).locator('.line-privacy'),
  ).toHaveClass(/unverified/);
  await shot(page, 'key-changed');
  await warning.getByRole('button', { name: 'Pick instance…' }).click();
  await expect(page.getByRole('dialog', { name: `Where to send messages for ${bob.address}` })).toBeVisible();
});

test('keys export to a folder in libotr’s format and import back, with a report; a key can be generated with progress', async ({
  page,
  sotto,
  prosody,
  xmppUser,
}) => {
  const alice = xmppUser('alice');
  const carol = xmppUser('carol');
  await page.setViewportSize({ width: 1180, height: 760 });
  await page.goto(sotto.url);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: prosody.host, port: prosody.port });

  // An account that never connected has no key: generate one from the keys page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  const accounts = page.getByTestId('accounts-dialog');
  await accounts.getByRole('button', { name: 'Add an account…' }).click();
  await accounts.getByLabel('Address (JID)').fill(carol.jid);
  await accounts.getByLabel('Password', { exact: true }).fill(carol.password);
  await accounts.getByLabel('Connect now').uncheck();
  await accounts.getByRole('button', { name: 'Add account' }).click();
  await expect(accounts).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keys and fingerprints' }).click();
  const keys = page.getByTestId('keys-dialog');
  const carolKey = keys.getByTestId('my-key').filter({ hasText: carol.jid });
  await carolKey.getByRole('button', { name: 'Generate a key' }).click();
  await expect(carolKey.getByRole('progressbar', { name: `Making a key for ${carol.jid}` })).toBeVisible();
  // The window stays responsive meanwhile.
  await expect(keys.getByLabel('Folder with otr.private_key and otr.fingerprints')).toBeEditable();
  await expect(carolKey.getByTestId('fingerprint')).toHaveText(/^([0-9A-F]{8} ){4}[0-9A-F]{8}$/, { timeout: 30_000 });

  const dir = mkdtempSync(join(tmpdir(), 'sotto-e2e-purple-'));
  await keys.getByLabel('Folder with otr.private_key and otr.fingerprints').fill(dir);
  await keys.getByRole('button', { name: 'Export to this folder' }).click();
  await expect(keys.getByTestId('keys-report')).toContainText('Exported');
  await expect(keys.getByTestId('keys-report')).toContainText('otr.private_key');
  await keys.getByRole('button', { name: 'Import from this folder' }).click();
  await expect(keys.getByTestId('keys-report')).toContainText('Imported');
  // Sotto already has these keys: the report says so line by line instead of replacing them.
  await expect(keys.getByTestId('keys-report')).toContainText(`Sotto already has this key for xmpp:${alice.jid}`);
  await shot(page, 'keys-import');
});
