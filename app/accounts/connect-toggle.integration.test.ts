/**
 * Connect and Disconnect pressed faster than the network answers, 50 times on
 * each network, through the headless core against real servers. Some toggles
 * wait for each answer, some send Connect right behind Disconnect, some do not
 * wait at all. Whatever came before, the account ends the way the last command
 * asked: online after a Connect, offline after a Disconnect, and it stays so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNgircd, type NgircdServer } from '../../testkit/servers/ngircd';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { rawConnect, type RawClient } from '../../testkit/servers/raw-line-client';
import { startHeadless, type HeadlessSotto, type RpcReply } from '../../testkit/headless';

const TOGGLES = 50;
/** Long enough for a close still under way (acks, the server's goodbye) to have ended. */
const SETTLE_MS = 2000;

let prosody: ProsodyServer;
let ngircd: NgircdServer;
const running: HeadlessSotto[] = [];
beforeAll(async () => {
  [prosody, ngircd] = await Promise.all([
    startProsody({ users: [{ name: 'toggler', password: 't' }] }),
    startNgircd({ floodProtection: false }),
  ]);
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all([prosody?.dispose(), ngircd?.dispose()]);
});

async function stateOf(sotto: HeadlessSotto, accountId: string): Promise<string | undefined> {
  const accounts = await sotto.call<{ accountId: string; state: string }[]>('account.list');
  return accounts.find((a) => a.accountId === accountId)?.state;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A disconnect always ends offline; a connect ends online, or says a later disconnect cancelled it. */
function expectHonest(reply: RpcReply, command: 'account.connect' | 'account.disconnect'): void {
  if (command === 'account.disconnect') expect(reply).toEqual({ result: { state: 'offline' } });
  else if (reply.error) expect(reply.error.message).toMatch(/disconnected before|cancelled/i);
  else expect(reply.result).toEqual({ state: 'online' });
}

/** The 50 toggles; every third waits for both answers, every third for the connect only, the rest for neither. */
async function toggle(sotto: HeadlessSotto, accountId: string): Promise<void> {
  const unanswered: Promise<void>[] = [];
  const send = (command: 'account.connect' | 'account.disconnect') =>
    sotto.request(command, { accountId }).then((reply) => expectHonest(reply, command));
  for (let i = 0; i < TOGGLES; i++) {
    const off = send('account.disconnect');
    if (i % 3 === 0) await off;
    else unanswered.push(off);
    const on = sotto.request('account.connect', { accountId });
    if (i % 3 === 2) {
      unanswered.push(on.then((reply) => expectHonest(reply, 'account.connect')));
      continue;
    }
    // Nothing was asked after this connect: it must answer online, and mean it.
    expect(await on, `toggle ${i}`).toEqual({ result: { state: 'online' } });
    expect(await stateOf(sotto, accountId), `toggle ${i}`).toBe('online');
  }
  await Promise.all(unanswered);
}

async function endsOnlineThenOffline(
  sotto: HeadlessSotto,
  accountId: string,
  seenByServer?: () => Promise<boolean>,
): Promise<void> {
  await toggle(sotto, accountId);
  await pause(SETTLE_MS);
  expect(await stateOf(sotto, accountId)).toBe('online');
  if (seenByServer) expect(await seenByServer()).toBe(true);

  expect(await sotto.call('account.disconnect', { accountId })).toEqual({ state: 'offline' });
  await pause(SETTLE_MS);
  expect(await stateOf(sotto, accountId)).toBe('offline');
  if (seenByServer) expect(await seenByServer()).toBe(false);
}

/** ISON from a second client: whether the server has the nick connected. */
async function ircNickOnline(client: RawClient, nick: string): Promise<boolean> {
  const marker = `${Date.now()}`;
  client.write(`ISON ${nick}\r\nPING ${marker}\r\n`);
  const received = await client.waitFor(new RegExp(`PONG .*${marker}`));
  const answers = [...received.matchAll(/ 303 watcher :(\S*)/g)];
  return answers.at(-1)?.[1] === nick;
}

describe('Connect and Disconnect toggled quickly', () => {
  it(
    'XMPP on Prosody: ends online after the last Connect, offline after a Disconnect',
    { timeout: 180_000 },
    async () => {
      const sotto = startHeadless();
      running.push(sotto);
      const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
        protocol: 'xmpp',
        jid: `toggler@${prosody.domain}`,
        password: 't',
        host: prosody.host,
        port: prosody.port,
        tls: 'none',
      });
      await endsOnlineThenOffline(sotto, accountId);
    },
  );

  it(
    'IRC on ngIRCd: ends online after the last Connect, offline after a Disconnect',
    { timeout: 180_000 },
    async () => {
      const sotto = startHeadless();
      running.push(sotto);
      const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
        protocol: 'irc',
        nick: 'toggler',
        host: ngircd.host,
        port: ngircd.port,
        tls: false,
      });
      const watcher = await rawConnect(ngircd.host, ngircd.port);
      try {
        watcher.write('NICK watcher\r\nUSER watcher 0 * :watcher\r\n');
        await watcher.waitFor(/ 001 watcher /);
        await endsOnlineThenOffline(sotto, accountId, () => ircNickOnline(watcher, 'toggler'));
      } finally {
        watcher.close();
      }
    },
  );
});
