/** OTR through the real UI against a headless Sotto peer on a real Prosody. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton, otrMenu, shot } from './support/ui';

test('a buddy whose client speaks OTR is detected: the conversation goes Unverified by itself, and the question-and-answer wizard makes it Private', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
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
  await expect(page.getByTestId('message').filter({ hasText: 'Verified on my side too.' })).toHaveAttribute(
    'data-encrypted',
    'true',
  );
  await shot(page, 'conversation-private');
});

test('a wrong answer says that authentication failed, what it means and what to do, and the conversation stays Unverified', async ({
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
    { me: persona('dave'), buddy: persona('erin') },
  );
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel(`Question for ${bob.address}`).fill('Name of my first cat?');
  await wizard.getByLabel('Answer').fill('Felix');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();
  await bob.waitFor('otr.smp', (e) => e.event === 'request');
  // Case matters: "felix" is not "Felix".
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'felix' });

  const result = wizard.getByTestId('smp-result');
  await expect(result).toHaveAttribute('data-tone', 'failure');
  await expect(result).toContainText('Authentication failed');
  await expect(result).toContainText('capitals and spaces included');
  await shot(page, 'wizard-4-failure');
  await expect(wizard.getByRole('button', { name: 'Try again' })).toBeVisible();
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(wizard).toBeHidden();
  await expect(otrButton(page)).toContainText('Unverified');
  await expect(page.getByTestId('system-line').filter({ hasText: 'failed' })).toBeVisible();
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'encrypted', verified: false });
});

test('when the buddy starts authentication, alice sees their question, is told the answer is case-sensitive, and her answer verifies her to them', async ({
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
    { me: persona('frank'), buddy: persona('grace') },
  );
  await bob.sotto.call('otr.smp.start', {
    accountId: bob.accountId,
    peer: alice.jid,
    secret: 'Lisbon 2019',
    question: 'Where was the conference?',
  });

  const dialog = page.getByTestId('smp-request');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('smp-question')).toHaveText('Where was the conference?');
  await expect(dialog).toContainText('Case-sensitive');
  await expect(dialog.getByLabel('Your answer')).toBeFocused();
  await shot(page, 'smp-request');
  await page.keyboard.type('Lisbon 2019');
  await page.keyboard.press('Enter');

  await bob.waitFor('otr.smp', (e) => e.event === 'succeeded');
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'encrypted', verified: true });
  await expect(dialog.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await expect(dialog.getByTestId('smp-result')).toContainText(`${bob.address} now knows it is you`);
  // alice has not verified bob yet: the dialog offers to, and the button still says Unverified.
  await expect(otrButton(page)).toContainText('Unverified');
  await dialog.getByRole('button', { name: `Authenticate ${bob.address}` }).click();
  await expect(page.getByTestId('auth-wizard')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('auth-wizard')).toBeHidden();
});

test('End private conversation: the buddy sees Finished, alice sees Not private, and Start makes it private again', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await otrMenu(page, 'End private conversation');
  await expect(otrButton(page)).toContainText('Not private');
  await expect(page.getByTestId('otr-label')).toHaveAttribute('aria-live', 'polite');
  await bob.waitFor('otr.state', (e) => e.state === 'finished');
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'finished' });

  // bob ends too, then alice starts again from the menu.
  await bob.sotto.call('otr.end', { accountId: bob.accountId, peer: alice.jid });
  await otrMenu(page, 'Start private conversation');
  await expect(otrButton(page)).toContainText('Unverified', { timeout: 15_000 });
});

test('the buddy ending the conversation shows Finished; what is typed then is refused, and the notice says what to do', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await bob.sotto.call('otr.end', { accountId: bob.accountId, peer: alice.jid });
  await expect(otrButton(page)).toContainText('Finished');
  await expect(
    page.getByTestId('system-line').filter({ hasText: 'has ended their private conversation' }),
  ).toBeVisible();
  await otrButton(page).click();
  await expect(page.getByRole('menuitem', { name: 'End private conversation' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(otrButton(page)).toBeFocused();

  // Writing now is refused, and the notice above the input says why and what to do.
  await expect(page.getByTestId('finished-notice')).toContainText('has ended the private conversation');
  await page.getByTestId('message-input').fill('are you still there?');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'are you still there?' })).toHaveAttribute(
    'data-status',
    'refused',
  );
  await expect(
    page.getByTestId('message').filter({ hasText: 'are you still there?' }).getByTestId('message-status'),
  ).toContainText('Not sent');
  await shot(page, 'conversation-finished');
  await page.getByTestId('finished-notice').getByRole('button', { name: 'End private conversation' }).click();
  await expect(otrButton(page)).toContainText('Not private');
  await expect(page.getByTestId('finished-notice')).toBeHidden();
});

test('a shared secret both sides type verifies both of them', async ({ page, sotto, prosody, xmppUser, peer }) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  // Keyboard only: arrows pick the method, Enter goes on.
  await expect(wizard.getByRole('radio', { name: /Question and answer/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(wizard.getByRole('radio', { name: /Shared secret/ })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(wizard.getByLabel('Shared secret')).toBeFocused();
  await page.keyboard.type('orange kites');
  await page.keyboard.press('Enter');
  const request = await bob.waitFor('otr.smp', (e) => e.event === 'request');
  expect(request.question).toBeUndefined();
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'orange kites' });
  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await page.keyboard.press('Enter');
  await expect(wizard).toBeHidden();
  await expect(otrButton(page)).toContainText('Private');
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'encrypted', verified: true });
});
