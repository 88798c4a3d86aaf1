/**
 * Sotto (headless) against the real libotr, each a user of a real server:
 * Prosody for XMPP, ngIRCd for IRC (where OTR messages are fragmented to the
 * line the server relays). libotr's messages travel through our adapters
 * (testkit/libotr/relay.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { POLICY } from '../../testkit/libotr/peer';
import { createIrcAdapter } from '../../protocols/irc';
import { createXmppAdapter } from '../../protocols/xmpp';
import { startNgircd, type NgircdServer } from '../../testkit/servers/ngircd';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';
import { startLibotrRelay, type LibotrRelay } from '../../testkit/libotr/relay';

const quiet = { log: () => undefined };
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function exchange(
  sotto: HeadlessSotto,
  accountId: string,
  relay: LibotrRelay,
  sottoPeer: string,
  libotrPeer: string,
  text: string,
  ms = 20_000,
) {
  await sotto.call('message.send', { accountId, peer: libotrPeer, text }, ms);
  await until(() => relay.shown.some((s) => s.text === text), `libotr to show "${text.slice(0, 20)}…"`, ms);
  expect(relay.shown.find((s) => s.text === text)?.encrypted).toBe(true);
  const reply = `${text} (echoed by libotr)`;
  await relay.send(sottoPeer, reply);
  const got = await sotto.waitForEvent<{ text: string; encrypted: boolean }>(
    'message.received',
    (m) => m.text === reply,
    ms,
  );
  expect(got.encrypted).toBe(true);
}

describe('Sotto and libotr over real servers', () => {
  it('XMPP: auto-detection starts OTR, messages both ways, the same fingerprints on both sides', async () => {
    const server: ProsodyServer = await startProsody({
      users: [
        { name: 'alice', password: 'a' },
        { name: 'bob', password: 'b' },
      ],
    });
    cleanup.push(() => server.dispose());
    const aliceJid = `alice@${server.domain}`;
    const bobJid = `bob@${server.domain}`;
    const adapter = createXmppAdapter({
      jid: bobJid,
      password: 'b',
      host: server.host,
      port: server.port,
      tls: 'none',
      logger: quiet,
    });
    await adapter.connect();
    const relay = await startLibotrRelay(adapter, {
      account: bobJid,
      protocol: 'prpl-jabber',
      policy: POLICY.OPPORTUNISTIC,
    });
    cleanup.push(() => relay.stop());

    const sotto = startHeadless();
    cleanup.push(() => sotto.stop());
    const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
      protocol: 'xmpp',
      jid: aliceJid,
      password: 'a',
      host: server.host,
      port: server.port,
      tls: 'none',
    });
    await sotto.call('account.connect', { accountId });
    await sotto.call('message.send', { accountId, peer: bobJid, text: 'hello libotr' });
    await sotto.waitForEvent('otr.state', (e: { state: string }) => e.state === 'encrypted');
    await exchange(sotto, accountId, relay, aliceJid, bobJid, 'private over XMPP');
    const ours = await sotto.call<{ fingerprint: string }>('otr.status', { accountId, peer: bobJid });
    expect(ours.fingerprint).toBe(relay.peer.fingerprint);
    const theirs = await relay.peer.status(aliceJid);
    expect(theirs.fingerprint).toBe(
      (await sotto.call<{ fingerprint: string }>('otr.fingerprint.mine', { accountId })).fingerprint,
    );
  });

  // ngIRCd's flood protection stays on, as on real servers: the adapter paces lines at
  // about one a second, so an AKE and a fragmented message take seconds here.
  it(
    'IRC: long messages fragmented to the relayed line size arrive whole both ways',
    { timeout: 120_000 },
    async () => {
      const server: NgircdServer = await startNgircd();
      cleanup.push(() => server.dispose());
      const adapter = createIrcAdapter({
        nick: 'bob',
        host: server.host,
        port: server.port,
        tls: false,
        logger: quiet,
      });
      await adapter.connect();
      const relay = await startLibotrRelay(adapter, {
        account: `bob@${server.host}`,
        protocol: 'prpl-irc',
        policy: POLICY.OPPORTUNISTIC,
      });
      cleanup.push(() => relay.stop());

      const sotto = startHeadless();
      cleanup.push(() => sotto.stop());
      const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
        protocol: 'irc',
        nick: 'alice',
        host: server.host,
        port: server.port,
        tls: false,
      });
      await sotto.call('account.connect', { accountId });
      await relay.peer.setMaxMessageSize(adapter.maxMessageBytesFor?.('alice') ?? adapter.maxMessageBytes);
      await sotto.call('otr.start', { accountId, peer: 'bob' });
      await sotto.waitForEvent('otr.state', (e: { state: string }) => e.state === 'encrypted', 60_000);
      await exchange(sotto, accountId, relay, 'alice', 'bob', `a long one: ${'λόγος '.repeat(150)}end`, 60_000);
    },
  );
});
