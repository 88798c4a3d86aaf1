/** The buddy list against a real roster: add a buddy, answer a request, presence with icon and words, groups, search, unread counts. */
import { expect, test } from './fixtures';
import { addXmppAccount, buddyRow, openApp, shot } from './support/ui';

test('adding a buddy, answering their request, and seeing their presence, group and unread count', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const alice = xmppUser('alice');
  const bobUser = xmppUser('bob');
  const carolUser = xmppUser('carol');
  await openApp(page, sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: prosody.host, port: prosody.port });
  const server = { host: prosody.host, port: prosody.port };
  const bob = await peer({ protocol: 'xmpp', jid: bobUser.jid, password: bobUser.password, ...server });
  const carol = await peer({ protocol: 'xmpp', jid: carolUser.jid, password: carolUser.password, ...server });

  // alice adds bob to "Friends"; bob accepts.
  await page.getByRole('button', { name: 'Add buddy…' }).click();
  const add = page.getByTestId('add-buddy');
  await add.getByLabel('Their address (JID)').fill(bob.address);
  await add.getByLabel('Name to show (optional)').fill('Bob');
  await add.getByLabel('Group (optional)').fill('Friends');
  await add.getByRole('button', { name: 'Add buddy' }).click();
  await expect(add).toBeHidden();
  await bob.waitFor('subscription.request', (e) => e.peer === alice.jid);
  await bob.sotto.call('buddy.authorize', { accountId: bob.accountId, peer: alice.jid, accept: true });
  const bobRow = buddyRow(page, 'Friends', 'Bob');
  await expect(bobRow.getByRole('button', { name: 'Bob, Available', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(bobRow.locator('svg[data-presence="available"]')).toBeVisible();

  // Presence in words and shape, status message shown.
  await bob.sotto.call('presence.set', { accountId: bob.accountId, availability: 'away', status: 'at lunch' });
  await expect(bobRow.getByRole('button', { name: 'Bob, Away, at lunch', exact: true })).toBeVisible();
  await expect(bobRow.locator('svg[data-presence="away"]')).toBeVisible();

  // carol asks to see alice's presence: alice accepts from the buddy list.
  await carol.sotto.call('buddy.add', { accountId: carol.accountId, peer: alice.jid });
  const request = page.getByTestId('subscription-request');
  await expect(request).toContainText(carol.address);
  await shot(page, 'buddy-list-request');
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(request).toBeHidden();
  await carol.waitFor(
    'buddy.updated',
    (b) => b.peer === alice.jid && (b.subscription === 'to' || b.subscription === 'both'),
  );

  // Unread: a message from bob while alice looks at another conversation.
  await carol.send(alice.jid, 'hi from carol');
  await expect(page.getByTestId('conversation-title')).toHaveText(carol.address);
  await bob.send(alice.jid, 'one');
  await bob.send(alice.jid, 'two');
  await expect(bobRow.getByTestId('unread')).toHaveText('2 unread');
  await expect(page).toHaveTitle('(2) Sotto');
  await shot(page, 'buddy-list');
  await bobRow.getByRole('button', { name: /Bob/ }).first().click();
  await expect(page.getByTestId('conversation-title')).toHaveText('Bob');
  await expect(bobRow.getByTestId('unread')).toHaveCount(0);
  await expect(page).toHaveTitle('Sotto');

  // Search narrows the list; Esc clears it.
  const search = page.getByLabel('Search buddies');
  await search.fill('bo');
  await expect(page.getByTestId('buddy')).toHaveCount(1);
  await search.press('Escape');
  await expect(search).toHaveValue('');
});
