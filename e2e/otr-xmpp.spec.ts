/** OTR through the real UI against a headless Sotto peer on a real Prosody. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton, otrMenu, shot } from './support/ui';

test('a buddy whose client speaks OTR is detected: the conversation goes Unverified by itself, and the question-and-answer wizard makes it Private', async ({ page, sotto, prosody, xmppUser, peer }) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await shot(page, 'conversation-unverified');

  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await expect(wizard.getByRole('radio', { name: /Question and answer/ })).toBeChecked();
  await shot(page, 'wizard-1-choose');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel(`Question for ${bob.address}`).fill('Where did we first meet?');
  await wizard.getByLabel('Answer').fill('the blue door');
  await shot(page, 'wizard-2-question');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();

  const request = await bob.waitFor('otr.smp', (e) => e.event === 'request');
  expect(request.question).toBe('Where did we first meet?');
  await expect(wizard.getByTestId('smp-progress')).toBeVisible();
  await shot(page, 'wizard-3-progress');
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'the blue door' });

  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await expect(wizard.getByTestId('smp-result')).toContainText(`${bob.address} is verified`);
  await shot(page, 'wizard-4-success');
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(otrButton(page)).toContainText('Private');
  await expect(otrButton(page)).not.toContainText('Unverified');

  await page.getByTestId('message-input').fill('Now we are private and verified.');
  await page.keyboard.press('Enter');
  const got = await bob.waitFor('message.received', (m) => m.text === 'Now we are private and verified.');
  expect(got.encrypted).toBe(true);
  await bob.send(alice.jid, 'Verified on my side too.');
  await expect(page.getByTestId('message').filter({ hasText: 'Verified on my side too.' })).toHaveAttribute('data-encrypted', 'true');
  await shot(page, 'conversation-private');
});
