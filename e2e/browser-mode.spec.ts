import { expect, test } from './fixtures';
import { shot } from './support/ui';

test('the renderer loads in browser mode, shows the version from the core, and offers to add a first account', async ({
  page,
  sotto,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(sotto.url);
  await expect(page.getByTestId('app-version')).toHaveText(/^Sotto \d+\.\d+\.\d+/);
  await expect(page.getByTestId('no-accounts')).toHaveText('No accounts yet.');
  await expect(page.getByRole('heading', { name: 'Welcome to Sotto' })).toBeVisible();
  // The token was traded for a cookie: it is no longer in the address bar.
  expect(page.url()).not.toContain('token=');
  await page.getByRole('main').getByRole('button', { name: 'Add an account' }).click();
  await expect(page.getByRole('dialog', { name: 'Add an account' })).toBeVisible();
  await shot(page, 'first-start');
  // Esc closes the dialog and focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('main').getByRole('button', { name: 'Add an account' })).toBeFocused();
  expect(consoleErrors).toEqual([]);
});

test('a page without the token is refused', async ({ page, sotto }) => {
  const response = await page.goto(`${sotto.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Forbidden')).toBeVisible();
});
