/** Group chats: joined through the UI, shown as not private, messages both ways with nicks. */
import { expect, test } from './fixtures';
import { addXmppAccount, openApp, shot } from './support/ui';

test('joining a group chat through the UI: it says it is not private, and messages go both ways with nicks', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const alice = xmppUser('alice');
  const bobUser = xmppUser('bob');
  const room = `lounge${Date.now() % 100_000}@${prosody.mucDomain}`;
  await openApp(page, sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: prosody.host, port: prosody.port });
  const bob = await peer({
    protocol: 'xmpp',
    jid: bobUser.jid,
    password: bobUser.password,
    host: prosody.host,
    port: prosody.port,
  });

  await page.getByRole('button', { name: 'Join a chat…' }).click();
  const join = page.getByTestId('join-group');
  await expect(join).toContainText('Group chats are not private');
  await join.getByLabel('Room address').fill(room);
  await join.getByLabel('Nickname in the room (optional)').fill('alice');
  await join.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(join).toBeHidden({ timeout: 15_000 });

  await expect(page.getByTestId('conversation-title')).toHaveText(room);
  await expect(page.getByRole('tab', { name: /group chat/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('group-not-private')).toContainText('Not private');
  await expect(page.getByTestId('otr-button')).toHaveCount(0);

  await bob.sotto.call('group.join', { accountId: bob.accountId, room, nick: 'bob' });
  // Who is there: a count that opens into the list.
  const members = page.getByTestId('group-members');
  await expect(members.locator('summary')).toHaveText('2 people');
  await members.locator('summary').click();
  await expect(members.getByRole('list', { name: 'People in this group chat' }).getByRole('listitem')).toHaveText([
    'alice',
    'bob',
  ]);
  await bob.sotto.call('group.send', { accountId: bob.accountId, room, text: 'hello room' });
  const line = page.getByTestId('message').filter({ hasText: 'hello room' });
  await expect(line).toContainText('bob:');
  await expect(line).toHaveAttribute('data-encrypted', 'false');

  await page.getByTestId('message-input').fill('hi bob, in the room');
  await page.keyboard.press('Enter');
  await bob.waitFor(
    'conversation.line',
    (e) => e.peer === room && e.line.text === 'hi bob, in the room' && e.line.direction === 'in',
  );
  await shot(page, 'group-chat');

  // Closing the tab leaves the room.
  await page.keyboard.press('Control+w');
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(
    bob.waitFor('group.members', (g) => g.room === room && !g.members.includes('alice')),
  ).resolves.toBeTruthy();
});
