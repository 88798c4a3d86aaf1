/**
 * 1:1 messages through a real ngIRCd, checked on the raw bytes the other
 * client receives: both directions, the line limit exactly and one byte over,
 * several lines, whitespace, NOTICE and CTCP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NgircdServer } from '../../testkit/servers/ngircd';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { startScene, stopScene } from './test-support/scene';
import type { Recorded } from './test-support/harness';

const SOH = String.fromCharCode(1);

let server: NgircdServer;
let alice: Recorded;
let bob: IrcPeer;

// The alternative is as long as the nick, so the limit is exact, not conservative.
beforeAll(
  async () =>
    void ({ server, alice, bob } = await startScene(
      { floodProtection: false },
      { alternativeNicks: ['alic2'], ctcp: {} },
    )),
);

afterAll(() => stopScene({ server, alice, bob }));

/** The last PRIVMSG line bob received from alice, as raw bytes with CR LF. */
function relayedLines(count: number): Buffer[] {
  return bob.lines
    .filter((l) => l.toString('utf8').startsWith(':alice!') && / PRIVMSG bob :/.test(l.toString('utf8')))
    .slice(-count)
    .map((l) => Buffer.concat([l, Buffer.from('\r\n')]));
}

describe('1:1 messages on ngIRCd', () => {
  it('registers and learns how the server shows it, so the limit is exact', () => {
    expect(alice.adapter.state).toEqual({ state: 'online' });
    expect(alice.adapter.nick).toBe('alice');
    const prefix = `:alice!~alice@${server.host} PRIVMSG bob :`;
    expect(alice.adapter.maxMessageBytesFor('bob')).toBe(510 - Buffer.byteLength(prefix));
    // The generic limit is for the longest nick ngIRCd allows (NICKLEN=30 here).
    expect(alice.adapter.maxMessageBytes).toBe(alice.adapter.maxMessageBytesFor('x'.repeat(30)));
  });

  it('sends a message to a nick and receives one from it', async () => {
    await expect(alice.adapter.sendMessage('bob', 'hello bob')).resolves.toEqual({ status: 'sent', parts: 1 });
    await bob.waitFor(/^:alice!\S+ PRIVMSG bob :hello bob$/);
    bob.send('PRIVMSG alice :hello alice');
    const received = await alice.next('message', (m) => m.body === 'hello alice');
    expect(received).toMatchObject({ peer: 'bob', body: 'hello alice' });
    expect(received.notice).toBeUndefined();
    expect(received.time).toBeInstanceOf(Date);
  });

  it('delivers a body exactly at the limit in one line of exactly 512 bytes, not cut', async () => {
    const max = alice.adapter.maxMessageBytesFor('bob');
    // Multi-byte characters at the end: any off-by-one would cut one.
    const body = `${'a'.repeat(max - 7)}éé€`;
    expect(Buffer.byteLength(body)).toBe(max);
    await expect(alice.adapter.sendMessage('bob', body)).resolves.toEqual({ status: 'sent', parts: 1 });
    await bob.waitFor(/€$/);
    const [line] = relayedLines(1);
    expect(line?.length).toBe(512);
    expect(line?.toString('utf8')).not.toContain('[CUT]');
    expect(bob.messagesFrom('alice').at(-1)).toBe(body);
  });

  it('sends a body one byte over the limit as two lines that arrive whole', async () => {
    const max = alice.adapter.maxMessageBytesFor('bob');
    const body = `${'b'.repeat(max - 2)}ü${'c'.repeat(1)}`;
    expect(Buffer.byteLength(body)).toBe(max + 1);
    await expect(alice.adapter.sendMessage('bob', body)).resolves.toEqual({ status: 'sent', parts: 2 });
    await bob.waitFor(/ PRIVMSG bob :c$/);
    const parts = bob.messagesFrom('alice').slice(-2);
    expect(parts.join('')).toBe(body);
    for (const line of relayedLines(2)) {
      expect(line.length).toBeLessThanOrEqual(512);
      expect(line.toString('utf8')).not.toContain('[CUT]');
    }
  });

  it('splits a long multi-byte body on character boundaries and reports the parts', async () => {
    const body = '😀é'.repeat(400); // 2,400 bytes
    const result = await alice.adapter.sendMessage('bob', body);
    expect(result.parts).toBe(Math.ceil(Buffer.byteLength(body) / alice.adapter.maxMessageBytesFor('bob')));
    const count = () => bob.messagesFrom('alice').filter((p) => p.includes('😀')).length;
    for (let i = 0; i < 100 && count() < (result.parts ?? 0); i++) await new Promise((r) => setTimeout(r, 100));
    const parts = bob.messagesFrom('alice').slice(-(result.parts ?? 0));
    expect(parts.join('')).toBe(body);
    expect(parts.join('')).not.toContain('\uFFFD');
  });

  it('sends each line of a multi-line body as its own message', async () => {
    await expect(alice.adapter.sendMessage('bob', 'one\ntwo\r\nthree')).resolves.toEqual({ status: 'sent', parts: 3 });
    await bob.waitFor(/ PRIVMSG bob :three$/);
    expect(bob.messagesFrom('alice').slice(-3)).toEqual(['one', 'two', 'three']);
  });

  it('passes bodies through untrimmed: what reaches us is exactly what the server relayed', async () => {
    // ngIRCd itself strips trailing whitespace from lines it relays; leading whitespace survives.
    bob.send('PRIVMSG alice :  leading and trailing \t ');
    const m = await alice.next('message', (x) => x.body.includes('leading and trailing'));
    const relayed = (await connectAndSee()).trimEnd();
    expect(m.body).toBe(relayed);
    expect(m.body.startsWith('  ')).toBe(true);
  });

  it('cannot keep trailing whitespace from ngIRCd: an OTR whitespace tag at the end arrives stripped', async () => {
    // The adapter writes the tag (see hostile-server.integration.test.ts, which sees our exact line);
    // ngIRCd strips trailing whitespace when it relays, so the OTR layer must accept a message without it.
    const tag = ' \t  \t\t\t\t \t \t \t    \t\t  \t   \t\t  \t';
    await alice.adapter.sendMessage('bob', `hi${tag}`);
    await bob.waitFor(/ PRIVMSG bob :hi$/);
    await alice.adapter.sendMessage('bob', `tag${tag}inside`);
    await bob.waitFor(/ PRIVMSG bob :tag.*inside$/);
    expect(bob.messagesFrom('alice').at(-1)).toBe(`tag${tag}inside`);
  });

  it('delivers a NOTICE marked as such, and answers nothing', async () => {
    const before = bob.lines.length;
    bob.send('NOTICE alice :this is a notice');
    const m = await alice.next('message', (x) => x.body === 'this is a notice');
    expect(m).toMatchObject({ peer: 'bob', notice: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(
      bob.lines
        .slice(before)
        .map(String)
        .filter((l) => l.startsWith(':alice!')),
    ).toEqual([]);
  });

  it('answers no CTCP query by default (no version, no clock) and reports each', async () => {
    const before = bob.lines.length;
    for (const q of ['VERSION', 'TIME', 'PING 12345', 'CLIENTINFO', 'USERINFO', 'FINGER', 'SOURCE'])
      bob.send(`PRIVMSG alice :\x01${q}\x01`);
    await alice.next('dropped', (d) => d.reason.includes('SOURCE'));
    await new Promise((r) => setTimeout(r, 500));
    expect(
      bob.lines
        .slice(before)
        .map(String)
        .filter((l) => l.startsWith(':alice!')),
    ).toEqual([]);
    expect(alice.events.message.filter((m) => m.body.includes('\x01') || /VERSION|CLIENTINFO/.test(m.body))).toEqual(
      [],
    );
    expect(alice.events.dropped.map((d) => d.reason).join('\n')).toMatch(
      /CTCP VERSION query from bob was not answered/,
    );
  });

  it('passes a CTCP ACTION on as a "/me" message, and sends "/me" as an ACTION', async () => {
    bob.send('PRIVMSG alice :\x01ACTION waves\x01');
    await alice.next('message', (m) => m.body === '/me waves');
    await alice.adapter.sendMessage('bob', '/me waves back');
    await bob.waitFor(new RegExp(` PRIVMSG bob :${SOH}ACTION waves back${SOH}$`));
  });

  it('reports a message to a nick that is not on the server', async () => {
    await alice.adapter.sendMessage('nobody', 'are you there?');
    const failed = await alice.next('send.failed', (f) => f.peer === 'nobody');
    expect(failed.body).toBe('are you there?');
    expect(failed.reason).toMatch(/No such nick/i);
  });

  it('never writes a message body to the log', () => {
    const log = alice.logs.join('\n');
    for (const body of ['hello bob', 'hello alice', 'this is a notice', 'waves back', 'are you there?'])
      expect(log).not.toContain(body);
  });

  it('refuses what IRC cannot carry instead of mangling it', async () => {
    await expect(alice.adapter.sendMessage('bob', '')).rejects.toMatchObject({ kind: 'protocol' });
    await expect(alice.adapter.sendMessage('bob', '\n\n')).rejects.toMatchObject({ kind: 'protocol' });
    await expect(alice.adapter.sendMessage('bob', 'a\0b')).rejects.toMatchObject({ kind: 'protocol' });
    await expect(alice.adapter.sendMessage('bad nick', 'x')).rejects.toMatchObject({ kind: 'protocol' });
  });
});

/** What bob's last line to alice looked like when relayed: seen by a second raw client. */
async function connectAndSee(): Promise<string> {
  const carol = await connectPeer(server.host, server.port, 'carol');
  try {
    bob.send('PRIVMSG carol :  leading and trailing \t ');
    const line = await carol.waitFor(/ PRIVMSG carol :/);
    return line.slice(line.indexOf(' :', line.indexOf(' PRIVMSG ')) + 2);
  } finally {
    carol.close();
  }
}
