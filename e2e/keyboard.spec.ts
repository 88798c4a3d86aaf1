/** Everything by keyboard: tabs, the OTR menu, the buddy list, input history; and a long conversation stays virtualized. */
import { expect, test } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton } from './support/ui';

test('tabs, the OTR menu, the buddy list and the input history work from the keyboard', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  const carolUser = xmppUser('carol');
  const carol = await peer({
    protocol: 'xmpp',
    jid: carolUser.jid,
    password: carolUser.password,
    host: prosody.host,
    port: prosody.port,
    policy: 'manual',
  });
  await carol.send(alice.jid, 'hello from carol');
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(1)).toContainText('1 unread');

  // Ctrl+Tab and Ctrl+Shift+Tab cycle; arrows move within the tab list.
  await page.getByTestId('message-input').focus();
  await page.keyboard.press('Control+Tab');
  await expect(page.getByTestId('conversation-title')).toHaveText(carol.address);
  await expect(tabs.nth(1)).not.toContainText('unread');
  await page.keyboard.press('Control+Shift+Tab');
  await expect(page.getByTestId('conversation-title')).toHaveText(bob.address);
  await tabs.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');

  // The OTR menu: Enter opens it on the first item, arrows move, Esc closes and gives the focus back.
  await otrButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Start private conversation' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: "What's this?" })).toBeFocused();
  await page.keyboard.press('Enter');
  const help = page.getByTestId('whats-this');
  await expect(help).toContainText('Unverified');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(otrButton(page)).toBeFocused();

  // Input history: Up and Down walk through what was sent from this tab.
  const input = page.getByTestId('message-input');
  await input.focus();
  for (const text of ['first line', 'second line']) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await carol.waitFor('message.received', (m) => m.text === 'second line');
  await page.keyboard.type('draft');
  await page.keyboard.press('ArrowUp');
  await expect(input).toHaveValue('second line');
  await page.keyboard.press('ArrowUp');
  await expect(input).toHaveValue('first line');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(input).toHaveValue('draft');

  // The buddy list is one Tab stop; arrows move between buddies, Enter opens one.
  const buddyButtons = page.getByTestId('buddy').locator('.buddy-button');
  await page.getByRole('button', { name: /^Buddies/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(buddyButtons.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(buddyButtons.nth(1)).toBeFocused();
  await expect(buddyButtons.nth(0)).toHaveAttribute('tabindex', '-1');
  // Shift+F10 opens the buddy's actions; Esc gives the focus back to the row.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitem', { name: 'Send message' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(buddyButtons.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('conversation-title')).toHaveText(/localhost/);

  // Ctrl+W closes the visible tab.
  await page.getByTestId('message-input').focus();
  await page.keyboard.press('Control+w');
  await expect(tabs).toHaveCount(1);
});

test('a conversation with 1,000 lines keeps only the visible rows in the page and scrolls to both ends', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  const count = 1000;
  for (let i = 1; i <= count; i += 1) void bob.send(alice.jid, `line ${i} of the long conversation`);
  const list = page.getByTestId('message-list');
  await expect(list.getByText(`line ${count} of the long conversation`, { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  const rendered = await list.getByTestId('message').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  // Home goes to the top of the focused list; the first line is rendered then.
  await list.focus();
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(list.getByText('Hi! Are you there?')).toBeVisible();
  await expect(list.getByText(`line ${count} of the long conversation`, { exact: true })).toHaveCount(0);
});
