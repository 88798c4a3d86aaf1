/** The same basics over IRC: an account added through the UI on a real ngIRCd, a headless Sotto as the buddy. */
import { expect, test } from './fixtures';
import { addIrcAccount, openApp, otrButton, otrMenu, shot } from './support/ui';

let n = 0;

test('over IRC: OTR is detected (Unverified), comparing fingerprints makes it Private, and End shows Finished on the other side', async ({
  page,
  sotto,
  ngircd,
  peer,
}) => {
  n += 1;
  const aliceNick = `alice${n}`;
  await openApp(page, sotto);
  await addIrcAccount(page, { nick: aliceNick, host: ngircd.host, port: ngircd.port });
  const bob = await peer({ protocol: 'irc', nick: `bob${n}`, host: ngircd.host, port: ngircd.port });

  await bob.send(aliceNick, 'hello over IRC');
  await expect(page.getByTestId('conversation-title')).toHaveText(bob.address);
  await expect(page.getByTestId('message-text').filter({ hasText: 'hello over IRC' })).toBeVisible();
  await expect(otrButton(page)).toContainText('Unverified', { timeout: 20_000 });
  await bob.waitFor('otr.state', (e) => e.state === 'encrypted');

  // Manual verification: two Sottos speak OTR v4, so both fingerprints are v4 ones, in 14
  // groups of 8, compared with what bob's Sotto says.
  const bobFingerprint = (
    await bob.sotto.call<{ v4: { fingerprint: string; formatted: string } }>('otr.fingerprint.mine', {
      accountId: bob.accountId,
    })
  ).v4;
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await wizard.getByRole('radio', { name: /Compare fingerprints/ }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByTestId('their-fingerprint')).toHaveText(bobFingerprint.formatted);
  await expect(wizard.getByTestId('their-fingerprint').locator('.fingerprint-group')).toHaveCount(14);
  await expect(wizard.getByTestId('my-fingerprint').locator('.fingerprint-group')).toHaveCount(14);
  await wizard.getByRole('radio', { name: /I have verified/ }).check();
  await shot(page, 'wizard-fingerprint');
  await wizard.getByRole('button', { name: 'Save' }).click();
  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(otrButton(page)).toContainText('Private');

  await page.getByTestId('message-input').fill('private over IRC');
  await page.keyboard.press('Enter');
  expect(await bob.waitFor('message.received', (m) => m.text === 'private over IRC')).toMatchObject({
    encrypted: true,
  });
  await shot(page, 'irc-private');

  await otrMenu(page, 'End private conversation');
  await expect(otrButton(page)).toContainText('Not private');
  await bob.waitFor('otr.state', (e) => e.state === 'finished');
  expect(await bob.otrStatus(aliceNick)).toMatchObject({ state: 'finished' });
});
