/**
 * Output order over IRC against the real libotr: Sotto answers libotr's AKE
 * (so Sotto's Signature message, fragmented to ngIRCd's line, ends it) and the
 * user sends the instant Sotto announces "private". libotr keeps one
 * reassembly buffer per instance and cannot read data that overtakes the
 * Signature: the message arrives only if nothing overtook or interleaved.
 * With ngIRCd's flood penalty on (about one line a second, as real servers
 * pace) and off, short and 3,000-character messages, both ways.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { POLICY } from '../../testkit/libotr/peer';
import { createIrcAdapter } from '../../protocols/irc';
import { startNgircd } from '../../testkit/servers/ngircd';
import { startHeadless } from '../../testkit/headless';
import { startLibotrRelay } from '../../testkit/libotr/relay';

const quiet = { log: () => undefined };
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SHORT = 'sent the instant it said private';
const LONG = `${'Ἐν ἀρχῇ ἦν ὁ λόγος · '.repeat(140).slice(0, 2990)} the end`;

// Sotto paces its own lines (RFC 1459 §8.10) either way; the server's penalty
// changes what the server does with a burst. The long message runs once: it takes
// tens of seconds at a line a second.
describe.each([
  ['flood penalty on', true, [SHORT, LONG]],
  ['flood penalty off', false, [SHORT]],
])('IRC, %s: a message sent the instant the conversation is private', (_name, floodProtection, texts) => {
  it.each(texts.map((t) => [t.length > 100 ? 'a 3,000-character message' : 'a short message', t]))(
    '%s reaches libotr whole, after the AKE, and libotr’s answer comes back',
    { timeout: 120_000 },
    async (_what, text) => {
      const server = await startNgircd({ floodProtection });
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

      // The send goes out from the notification handler itself: no await between "private" and it.
      let sent: Promise<unknown> | undefined;
      sotto.onNotification((method, params) => {
        if (sent || method !== 'otr.state' || (params as { state: string }).state !== 'encrypted') return;
        sent = sotto.call('message.send', { accountId, peer: 'bob', text }, 100_000);
      });
      // libotr asks; Sotto's whitespace-tagged hello makes libotr start the AKE as initiator.
      await sotto.call('message.send', { accountId, peer: 'bob', text: 'hello' });
      await until(() => sent !== undefined, 'Sotto to go private', 60_000);
      await sent;
      await until(() => relay.shown.some((s) => s.text === text), 'libotr to show the message', 90_000);
      expect(relay.shown.find((s) => s.text === text)?.encrypted).toBe(true);
      expect(relay.peer.events.filter((e) => e.type === 'msgEvent' && /UNREADABLE|MALFORMED/.test(e.event))).toEqual(
        [],
      );

      const answer = `${text} — read`;
      await relay.send('alice', answer);
      const got = await sotto.waitForEvent<{ text: string; encrypted: boolean }>(
        'message.received',
        (m) => m.text === answer,
        90_000,
      );
      expect(got.encrypted).toBe(true);
    },
  );
});
