/** Under "Always", nothing leaves unencrypted: a message waits, visibly, for the private conversation. */
import { expect, test } from './fixtures';
import { addXmppAccount, openApp, otrButton } from './support/ui';

test('with the policy "Always", a message to a buddy without OTR waits as "Waiting to be sent privately" and is never sent in the clear', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const alice = xmppUser('alice');
  const bobUser = xmppUser('bob');
  await openApp(page, sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: prosody.host, port: prosody.port });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Preferences' }).click();
  await page
    .getByTestId('preferences')
    .getByRole('group', { name: `Private conversations on ${alice.jid}` })
    .getByRole('radio', { name: /Always/ })
    .check();
  await page.keyboard.press('Escape');

  const bob = await peer({
    protocol: 'xmpp',
    jid: bobUser.jid,
    password: bobUser.password,
    host: prosody.host,
    port: prosody.port,
    policy: 'never',
  });
  await bob.send(alice.jid, 'I do not do OTR');
  await expect(page.getByTestId('conversation-title')).toHaveText(bob.address);
  await expect(otrButton(page)).toContainText('Not private');

  await page.getByTestId('message-input').fill('the secret plan');
  await page.keyboard.press('Enter');
  const line = page.getByTestId('message').filter({ hasText: 'the secret plan' });
  await expect(line).toHaveAttribute('data-status', 'queued');
  await expect(line.getByTestId('message-status')).toHaveText('Waiting to be sent privately');
  await expect(bob.waitFor('message.received', (m) => m.text.includes('secret plan'), 1500)).rejects.toThrow(
    /no matching/,
  );
});
