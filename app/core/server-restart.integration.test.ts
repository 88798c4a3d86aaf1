/**
 * The server goes away mid-conversation and comes back: both headless Sotto
 * processes reconnect by themselves, the private conversation carries on, and
 * what was sent while the server was down arrives once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';

let server: ProsodyServer;
const running: HeadlessSotto[] = [];
beforeAll(async () => {
  server = await startProsody({
    users: [
      { name: 'kim', password: 'k' },
      { name: 'lee', password: 'l' },
    ],
  });
});
afterAll(() => server?.dispose());
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function online(name: string, password: string) {
  const sotto = startHeadless();
  running.push(sotto);
  const jid = `${name}@${server.domain}`;
  const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
    protocol: 'xmpp',
    jid,
    password,
    host: server.host,
    port: server.port,
    tls: 'none',
  });
  await sotto.call('account.connect', { accountId });
  return { sotto, accountId, jid };
}

describe('a Prosody restart mid-conversation', () => {
  it(
    'reconnects both sides, keeps the conversation private, and loses or repeats nothing',
    { timeout: 90_000 },
    async () => {
      const kim = await online('kim', 'k');
      const lee = await online('lee', 'l');
      await kim.sotto.call('otr.start', { accountId: kim.accountId, peer: lee.jid });
      await kim.sotto.waitForEvent('otr.state', (e: { state: string }) => e.state === 'encrypted');
      await kim.sotto.call('message.send', { accountId: kim.accountId, peer: lee.jid, text: 'before the crash' });
      await lee.sotto.waitForEvent('message.received', (m: { text: string }) => m.text === 'before the crash');

      await server.stop({ crash: true });
      await kim.sotto.waitForEvent('account.state', (e: { state: string }) => e.state === 'reconnecting', 30_000);
      const during = await kim.sotto.call<{ status: string }>('message.send', {
        accountId: kim.accountId,
        peer: lee.jid,
        text: 'while the server was down',
      });
      expect(during.status).toBe('queued');

      await server.start();
      await kim.sotto.waitForEvent('account.state', (e: { state: string }) => e.state === 'online', 60_000);
      await lee.sotto.waitForEvent('account.state', (e: { state: string }) => e.state === 'online', 60_000);
      const late = await lee.sotto.waitForEvent<{ text: string; encrypted: boolean }>(
        'message.received',
        (m) => m.text === 'while the server was down',
        30_000,
      );
      expect(late.encrypted).toBe(true);

      await lee.sotto.call('message.send', { accountId: lee.accountId, peer: kim.jid, text: 'after the restart' });
      expect(
        await kim.sotto.waitForEvent<{ text: string; encrypted: boolean }>(
          'message.received',
          (m) => m.text === 'after the restart',
        ),
      ).toMatchObject({ encrypted: true });
      // Nothing shown twice.
      await new Promise((r) => setTimeout(r, 1000));
      const history = await lee.sotto.call<{ text: string; direction: string }[]>('conversation.history', {
        accountId: lee.accountId,
        peer: kim.jid,
      });
      const incoming = history.filter((l) => l.direction === 'in').map((l) => l.text);
      expect(incoming).toEqual(['before the crash', 'while the server was down']);
    },
  );
});
