/** A buddy signed in from two places, both speaking OTR: the menu offers to pick the instance. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton, otrMenu } from './support/ui';

test('with the buddy private from two devices, Pick instance lists both and selects one', async ({ page, sotto, prosody, xmppUser, peer }) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  // The same account on a second device: another profile, another instance tag and key.
  const laptop = await peer({ protocol: 'xmpp', jid: bob.address, password: 'correct horse', host: prosody.host, port: prosody.port });
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
  await expect(page.getByTestId('message').filter({ hasText: 'to one device only' })).toHaveAttribute('data-status', 'sent');
  // Exactly one of the two devices can read it.
  const readBy = await Promise.all(
    [bob, laptop].map((device) =>
      device.waitFor('message.received', (m) => m.text === 'to one device only', 1500).then(
        (m) => m.encrypted,
        () => false,
      ),
    ),
  );
  expect(readBy.filter(Boolean)).toHaveLength(1);
});
