/** A buddy signed in from two places, both speaking OTR: the menu offers to pick the instance. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton, otrMenu, shot } from './support/ui';

test('with the buddy private from two devices, Pick instance lists both and selects one', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  // The same account on a second device: another profile, another instance tag and key.
  const laptop = await peer({
    protocol: 'xmpp',
    jid: bob.address,
    password: 'correct horse',
    host: prosody.host,
    port: prosody.port,
  });
  await laptop.send(alice.jid, 'me again, from the laptop');
  await laptop.waitFor('otr.state', (e) => e.state === 'encrypted');

  await otrButton(page).click();
  await expect(page.getByRole('menuitem', { name: /Pick instance/ })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Escape');
  await otrMenu(page, /Pick instance/);
  const picker = page.getByRole('dialog', { name: `Where to send messages for ${bob.address}` });
  const radios = picker.getByRole('radio');
  await expect(radios).toHaveCount(3);
  await radios.nth(1).check();
  await picker.getByRole('button', { name: 'Use this one' }).click();
  await expect(picker).toBeHidden();
  await page.getByTestId('message-input').fill('to one device only');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'to one device only' })).toHaveAttribute(
    'data-status',
    'sent',
  );
  // Exactly one of the two devices can read it.
  const readBy = await Promise.all(
    [bob, laptop].map((device) =>
      device
        .waitFor('message.received', (m) => m.text === 'to one device only', 1500)
        .then(
          (m) => m.encrypted,
          () => false,
        ),
    ),
  );
  expect(readBy.filter(Boolean)).toHaveLength(1);
});

test('a second login with an unverified key never takes over a verified conversation: a line says so, and each line names its key', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  // Verify the phone with a question only bob can answer.
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel(`Question for ${bob.address}`).fill('Our street?');
  await wizard.getByLabel('Answer').fill('Rue Oberkampf');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();
  await bob.waitFor('otr.smp', (e) => e.event === 'request');
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'Rue Oberkampf' });
  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(otrButton(page)).not.toContainText('Unverified');

  // Someone signs in as bob elsewhere, with another key, and writes.
  const laptop = await peer({
    protocol: 'xmpp',
    jid: bob.address,
    password: 'correct horse',
    host: prosody.host,
    port: prosody.port,
  });
  await laptop.send(alice.jid, 'it is me, bob, trust me');
  await laptop.waitFor('otr.state', (e) => e.state === 'encrypted');
  const warning = page.getByTestId('system-line').filter({ hasText: 'with a key you have not verified' });
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toHaveAttribute('data-level', 'warning');
  // Still Private (verified): messages stay with the verified phone.
  await expect(otrButton(page)).not.toContainText('Unverified');
  await laptop.send(alice.jid, 'privately now: it is me');
  const fromLaptop = page.getByTestId('message').filter({ hasText: 'privately now: it is me' });
  await expect(fromLaptop).toHaveAttribute('data-encrypted', 'true');
  await expect(fromLaptop.locator('.line-privacy')).toHaveClass(/unverified/);
  await shot(page, 'second-login-unverified');

  await page.getByTestId('message-input').fill('only for the verified phone');
  await page.keyboard.press('Enter');
  const got = await bob.waitFor('message.received', (m) => m.text === 'only for the verified phone');
  expect(got.encrypted).toBe(true);
  const laptopRead = await laptop
    .waitFor('message.received', (m) => m.text === 'only for the verified phone', 1500)
    .then(
      () => true,
      () => false,
    );
  expect(laptopRead).toBe(false);
});
