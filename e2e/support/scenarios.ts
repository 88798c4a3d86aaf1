/** Set-ups several specs start from. */
import { expect, type Page } from '@playwright/test';
import type { ProsodyServer } from '../../testkit/servers/prosody';
import type { BrowserSotto, XmppAccountInfo, XmppRole } from '../fixtures';
import type { Peer, PeerOptions } from './peer';
import { addXmppAccount, openApp, otrButton } from './ui';

export interface PrivateChat {
  alice: XmppAccountInfo;
  bob: Peer;
}

/**
 * alice in the UI, bob headless, both on Prosody under the default policy
 * (opportunistic). bob writes first; his whitespace tag makes alice's Sotto
 * start OTR by itself, and her conversation tab opens as Unverified.
 */
export async function unverifiedChat(
  page: Page,
  f: {
    sotto: BrowserSotto;
    prosody: ProsodyServer;
    xmppUser: (role: XmppRole) => XmppAccountInfo;
    peer: (o: PeerOptions) => Promise<Peer>;
  },
  /** Named users instead of pooled ones (for screenshots). */
  names?: { me: XmppAccountInfo; buddy: XmppAccountInfo },
): Promise<PrivateChat> {
  const alice = names?.me ?? f.xmppUser('alice');
  const bobUser = names?.buddy ?? f.xmppUser('bob');
  await openApp(page, f.sotto);
  await addXmppAccount(page, { jid: alice.jid, password: alice.password, host: f.prosody.host, port: f.prosody.port });
  const bob = await f.peer({
    protocol: 'xmpp',
    jid: bobUser.jid,
    password: bobUser.password,
    host: f.prosody.host,
    port: f.prosody.port,
  });
  await bob.send(alice.jid, 'Hi! Are you there?');
  await expect(page.getByTestId('conversation-title')).toHaveText(bob.address);
  await expect(page.getByTestId('message-text').filter({ hasText: 'Hi! Are you there?' })).toBeVisible();
  await expect(otrButton(page)).toContainText('Unverified', { timeout: 15_000 });
  await bob.waitFor('otr.state', (e) => e.state === 'encrypted');
  return { alice, bob };
}
