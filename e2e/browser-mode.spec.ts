import { join } from 'node:path';
import { expect, SCREENSHOTS, test } from './fixtures';

test('the renderer loads in browser mode and shows the version and accounts from the core', async ({ page, sotto }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(sotto.url);
  await expect(page.getByTestId('app-version')).toHaveText(/^Sotto \d+\.\d+\.\d+/);
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByTestId('no-accounts')).toHaveText('No accounts yet.');
  // The token was traded for a cookie: it is no longer in the address bar.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: join(SCREENSHOTS, 'browser-mode-first-slice.png') });
  expect(errors).toEqual([]);
});

test('a page without the token is refused', async ({ page, sotto }) => {
  const response = await page.goto(`${sotto.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Forbidden')).toBeVisible();
});
