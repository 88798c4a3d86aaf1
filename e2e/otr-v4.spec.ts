/**
 * OTR version 4 through the real UI: alice in the browser, bob a headless Sotto on
 * the same Prosody. Both speak v4, so the default policy (opportunistic) goes v4 by
 * itself; the wizard compares v4 fingerprints, SMP verifies over v4, the keys page
 * lists bob's v4 key, and "Require OTR v4" is a policy like the others.
 */
import { expect, test, type XmppAccountInfo } from './fixtures';
import { unverifiedChat } from './support/scenarios';
import { otrButton, otrMenu, shot } from './support/ui';

/** Fourteen groups of eight upper-case hex digits, as people read them to each other. */
const V4_FINGERPRINT = /^([0-9A-F]{8} ){13}[0-9A-F]{8}$/;

interface MyFingerprints {
  fingerprint: string;
  formatted: string;
  v4?: { fingerprint: string; formatted: string };
}

/**
 * The README's screenshots show plain first names; a persona is used once per worker,
 * so repeats (`--repeat-each`, `npm run test:stress`) take pooled users instead.
 */
function names(
  persona: (n: 'judy' | 'oscar') => XmppAccountInfo,
): { me: XmppAccountInfo; buddy: XmppAccountInfo } | undefined {
  return test.info().repeatEachIndex === 0 ? { me: persona('judy'), buddy: persona('oscar') } : undefined;
}

test('two Sottos go OTR v4 by themselves; the wizard compares v4 fingerprints, a question verifies over v4, the keys page lists the v4 key, and Require OTR v4 is a policy', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  persona,
  peer,
}) => {
  const who = names(persona);
  // Only the run with plain names takes the README's screenshots: a repeat would overwrite them with pooled ones.
  const readmeShot = async (name: string) => (who ? shot(page, name) : undefined);
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer }, who);
  // Opportunistic on both sides, and both speak v4: the highest common version wins.
  await expect(otrButton(page)).toContainText('Unverified (OTR v4)');
  const firstLine = page.getByTestId('system-line').first();
  await expect(firstLine).toContainText(`Unverified conversation with ${bob.address} started (OTR v4)`);
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'encrypted', version: 4, verified: false });
  const bobKeys = await bob.sotto.call<MyFingerprints>('otr.fingerprint.mine', { accountId: bob.accountId });
  expect(bobKeys.v4?.formatted).toMatch(V4_FINGERPRINT);

  // Compare fingerprints: both are v4 ones, and the note on the transitional signature says bob's v3 key is not verified.
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await wizard.getByRole('radio', { name: /Compare fingerprints/ }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByTestId('their-fingerprint')).toHaveText(bobKeys.v4!.formatted);
  await expect(wizard.getByTestId('my-fingerprint')).toHaveText(V4_FINGERPRINT);
  await expect(wizard.getByTestId('my-fingerprint').locator('.fingerprint-group')).toHaveCount(14);
  await expect(wizard.getByTestId('their-fingerprint').locator('.fingerprint-group')).toHaveCount(14);
  await expect(wizard.locator('.otr-version').first()).toHaveText('OTR v4');
  const note = wizard.getByTestId('transitional-note');
  await expect(note).toContainText('signed by their OTR v3 key');
  await expect(note).toContainText('have not verified');
  const myV4 = (await wizard.getByTestId('my-fingerprint').textContent()) ?? '';
  await readmeShot('wizard-v4-fingerprints');

  // Not compared after all: back, and ask a question instead.
  await wizard.getByRole('button', { name: 'Back' }).click();
  await wizard.getByRole('radio', { name: /Question and answer/ }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel(`Question for ${bob.address}`).fill('Which café did we meet in?');
  await wizard.getByLabel('Answer').fill('Café Lumen');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();
  const request = await bob.waitFor('otr.smp', (e) => e.event === 'request');
  expect(request.question).toBe('Which café did we meet in?');
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'Café Lumen' });
  await expect(wizard.getByTestId('smp-result')).toHaveAttribute('data-tone', 'success');
  await expect(wizard.getByTestId('smp-result')).toContainText(`${bob.address} is verified`);
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(wizard).toBeHidden();
  await expect(otrButton(page)).toContainText('Private (OTR v4)');
  await expect(otrButton(page)).not.toContainText('Unverified');

  await page.getByTestId('message-input').fill('Verified, and on OTR version 4.');
  await page.keyboard.press('Enter');
  const got = await bob.waitFor('message.received', (m) => m.text === 'Verified, and on OTR version 4.');
  expect(got.encrypted).toBe(true);
  await bob.send(alice.jid, 'Same here: v4 both ways.');
  await expect(page.getByTestId('message').filter({ hasText: 'Same here: v4 both ways.' })).toHaveAttribute(
    'data-encrypted',
    'true',
  );
  await readmeShot('otr-v4-private');

  // The keys page: bob's key is listed as OTR v4, verified by the question; mine shows the same v4 key the wizard did.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Keys and fingerprints' }).click();
  const keys = page.getByTestId('keys-dialog');
  await expect(keys.getByTestId('my-key').filter({ hasText: alice.jid }).getByTestId('fingerprint-v4')).toHaveText(
    myV4,
  );
  const row = keys
    .getByTestId('known-fingerprint')
    .filter({ hasText: bob.address })
    .filter({ has: page.getByTestId('fingerprint-version').getByText('OTR v4', { exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('fingerprint')).toHaveText(bobKeys.v4!.formatted);
  await expect(row).toContainText('Verified by question or secret');
  await expect(row.getByRole('button', { name: `Unverify ${bob.address} (OTR v4)` })).toBeVisible();
  await readmeShot('keys-v4');
  await page.keyboard.press('Escape');
  await expect(keys).toBeHidden();

  // Require OTR v4 for the account: the v4 conversation goes on as it was.
  await nav.getByRole('button', { name: 'Preferences' }).click();
  const prefs = page.getByTestId('preferences');
  const accountPolicy = prefs.getByRole('group', { name: `Private conversations on ${alice.jid}` });
  await expect(accountPolicy.getByRole('radio', { name: /Automatically when possible/ })).toBeChecked();
  await accountPolicy.getByRole('radio', { name: /Require OTR v4/ }).check();
  await expect(accountPolicy.getByRole('radio', { name: /Require OTR v4/ })).toBeChecked();
  await expect(accountPolicy).toContainText('buddies whose clients speak only OTR v3 cannot chat privately');
  await readmeShot('prefs-require-v4');
  await page.keyboard.press('Escape');
  await expect(prefs).toBeHidden();
  await expect(otrButton(page)).toContainText('Private (OTR v4)');
  await page.getByTestId('message-input').fill('Still private under Require OTR v4.');
  await page.keyboard.press('Enter');
  expect(
    (await bob.waitFor('message.received', (m) => m.text === 'Still private under Require OTR v4.')).encrypted,
  ).toBe(true);
});

test('a wrong answer over OTR v4 fails, and the conversation stays Unverified (OTR v4) on both sides', async ({
  page,
  sotto,
  prosody,
  xmppUser,
  peer,
}) => {
  const { alice, bob } = await unverifiedChat(page, { sotto, prosody, xmppUser, peer });
  await expect(otrButton(page)).toContainText('Unverified (OTR v4)');
  await otrMenu(page, 'Authenticate buddy…');
  const wizard = page.getByTestId('auth-wizard');
  await expect(wizard.getByTestId('transitional-note')).toContainText('have not verified');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel(`Question for ${bob.address}`).fill('Name of my first cat?');
  await wizard.getByLabel('Answer').fill('Felix');
  await wizard.getByRole('button', { name: 'Authenticate', exact: true }).click();
  await bob.waitFor('otr.smp', (e) => e.event === 'request');
  await bob.sotto.call('otr.smp.respond', { accountId: bob.accountId, peer: alice.jid, secret: 'felix' });

  const result = wizard.getByTestId('smp-result');
  await expect(result).toHaveAttribute('data-tone', 'failure');
  await expect(result).toContainText('Authentication failed');
  await bob.waitFor('otr.smp', (e) => e.event === 'failed');
  await wizard.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(wizard).toBeHidden();
  await expect(otrButton(page)).toContainText('Unverified (OTR v4)');
  await expect(page.getByTestId('system-line').filter({ hasText: 'failed' })).toBeVisible();
  expect(await bob.otrStatus(alice.jid)).toMatchObject({ state: 'encrypted', version: 4, verified: false });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keys and fingerprints' }).click();
  const row = page
    .getByTestId('keys-dialog')
    .getByTestId('known-fingerprint')
    .filter({ hasText: bob.address })
    .filter({ has: page.getByTestId('fingerprint-version').getByText('OTR v4', { exact: true }) });
  await expect(row).toContainText('Not verified');
});
