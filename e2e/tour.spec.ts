/**
 * A realistic session, end to end, whose screenshots are the README's: buddies
 * in groups with names, one verified private conversation, one plain one.
 */
import { expect, test } from './fixtures';
import type { Peer } from './support/peer';
import { addXmppAccount, buddyRow, openApp, otrButton, otrMenu, shot } from './support/ui';

test('two buddies in their groups: one private and verified through the wizard, one plain; the buddy list, tabs and OTR button say which is which', async ({
  page,
  sotto,
  prosody,
  persona,
  peer,
}) => {
  const alice = persona('alice');
  const server = { host: prosody.host, port: prosody.port };
  await openApp(page, sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, ...server });
  const bobUser = persona('bob');
  const carolUser = persona('carol');
  const bob = await peer({ protocol: 'xmpp', jid: bobUser.jid, password: bobUser.password, ...server });
  const carol = await peer({
    protocol: 'xmpp',
    jid: carolUser.jid,
    password: carolUser.password,
    ...server,
    policy: 'never',
  });

  const befriend = async (p: Peer, name: string, group: string) => {
    await page.getByRole('button', { name: 'Add buddy…' }).click();
    const add = page.getByTestId('add-buddy');
    await add.getByLabel('Their address (JID)').fill(p.address);
    await add.getByLabel('Name to show (optional)').fill(name);
    await add.getByLabel('Group (optional)').fill(group);
    await add.getByRole('button', { name: 'Add buddy' }).click();
    await p.waitFor('subscription.request', (e) => e.peer === alice.jid);
    await p.sotto.call('buddy.authorize', { accountId: p.accountId, peer: alice.jid, accept: true });
    await expect(buddyRow(page, group, name)).toBeVisible();
  };
  await befriend(bob, 'Bob', 'Friends');
  await befriend(carol, 'Carol', 'Work');
  await carol.sotto.call('presence.set', { accountId: carol.accountId, availability: 'away', status: 'in a meeting' });
  await expect(
    buddyRow(page, 'Work', 'Carol').getByRole('button', { name: 'Carol, Away, in a meeting' }),
  ).toBeVisible();

  // Carol's client has OTR off: her conversation stays Not private.
  await carol.send(alice.jid, 'Are we still on for the review at 3?');
  await expect(otrButton(page)).toContainText('Not private');
  await page.getByTestId('message-input').fill('Yes, see you there.');
  await page.keyboard.press('Enter');

  // Bob's does: going private is automatic, verifying him takes the wizard.
  await buddyRow(page, 'Friends', 'Bob').getByRole('button', { name: /^Bob/ }).click();
  await page.getByTestId('message-input').fill('Hi Bob! Did you get the photos?');
  await page.keyboard.press('Enter');
  await bob.waitFor('message.received', (m) => m.text === 'Hi Bob! Did you get the photos?');
  await bob.send(alice.jid, 'Yes, thanks! The one from the lighthouse is great.');
  await expect(otrButton(page)).toContainText('Unverified', { timeout: 15_000 });

  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await shot(page, 'tour-wizard-1-choose');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel('Question for Bob').fill('Which beach did we walk to last summer?');
  await wizard.getByLabel('Answer').fill('Praia da Ursa');
  await shot(page, 'tour-wizard-2-question');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();
  await bob.waitFor('otr.smp', (e) => e.event === 'request');
  await expect(wizard.getByTestId('smp-progress')).toBeVisible();
  await shot(page, 'tour-wizard-3-progress');
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'Praia da Ursa' });
  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await shot(page, 'tour-wizard-4-success');
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(otrButton(page)).toContainText('Private');

  await page.getByTestId('message-input').fill('Now we are verified. The address is in https://example.org/map');
  await page.keyboard.press('Enter');
  await bob.send(alice.jid, 'Perfect, see you Saturday!');
  await expect(page.getByTestId('message').filter({ hasText: 'see you Saturday' })).toHaveAttribute(
    'data-encrypted',
    'true',
  );
  await page.getByTestId('message-input').focus();
  await page.getByTestId('message-input').blur();
  await shot(page, 'tour-main-window');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'tour-main-window-dark');
});
