/**
 * Against a scripted server (testkit/servers/fake-ircd.ts), for what ngIRCd
 * cannot be made to do: SASL PLAIN, and a server that sends a 10 MB line,
 * invalid UTF-8, malformed lines and floods. The adapter keeps working,
 * reports what it dropped, and nothing is thrown into the event loop (Vitest
 * fails a run on any uncaught exception). Also the exact lines we write, and a
 * server that drops us right after each login.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIrcd, type FakeIrcd } from '../../testkit/servers/fake-ircd';
import { recordedAdapter, type Recorded } from './test-support/harness';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function setUp(
  options: Parameters<typeof startFakeIrcd>[0] = {},
  adapterOptions: Partial<Parameters<typeof recordedAdapter>[0]> = {},
) {
  const fake = await startFakeIrcd(options);
  const alice = recordedAdapter({ nick: 'alice', host: fake.host, port: fake.port, tls: false, ...adapterOptions });
  cleanup.push(async () => {
    await alice.adapter.disconnect();
    await fake.close();
  });
  return { fake, alice };
}

describe('SASL PLAIN', () => {
  it('logs in with the account and password, and only then registers', async () => {
    const { fake, alice } = await setUp(
      { sasl: { account: 'alice-acct', password: 'pa ss:wörd' } },
      { sasl: { account: 'alice-acct', password: 'pa ss:wörd' } },
    );
    await alice.adapter.connect();
    expect(alice.adapter.state).toEqual({ state: 'online' });
    const auth = fake.received.filter((l) => l.startsWith('AUTHENTICATE '));
    expect(auth[0]).toBe('AUTHENTICATE PLAIN');
    expect(Buffer.from(auth[1]?.slice(13) ?? '', 'base64').toString('utf8')).toBe('alice-acct\0alice-acct\0pa ss:wörd');
    expect(fake.received.indexOf('CAP END')).toBeGreaterThan(fake.received.indexOf(auth[1] ?? ''));
    expect(alice.logs.join('\n')).not.toContain('wörd');
  });

  it('fails with kind auth and a readable message when the password is wrong', async () => {
    const { alice } = await setUp(
      { sasl: { account: 'alice-acct', password: 'right' } },
      { sasl: { account: 'alice-acct', password: 'wrong' } },
    );
    const err = await alice.adapter.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/refused the SASL login for alice-acct: SASL authentication failed/),
    });
    expect(alice.adapter.state).toMatchObject({ state: 'error', kind: 'auth' });
  });
});

describe('the lines we write', () => {
  let fake: FakeIrcd;
  let alice: Recorded;
  beforeAll(async () => {
    fake = await startFakeIrcd();
    alice = recordedAdapter({
      nick: 'alice',
      host: fake.host,
      port: fake.port,
      tls: false,
      ctcp: { version: 'Sotto test', ping: true },
    });
    await alice.adapter.connect();
  });
  afterAll(async () => {
    await alice.adapter.disconnect();
    await fake.close();
  });

  it('passes a body through exactly, trailing whitespace (an OTR tag) included', async () => {
    const tag = ' \t  \t\t\t\t \t \t \t    \t\t  \t   \t\t  \t';
    await alice.adapter.sendMessage('bob', `?OTRv3? hi${tag}`);
    expect(await fake.waitForLine(/^PRIVMSG bob :/)).toBe(`PRIVMSG bob :?OTRv3? hi${tag}`);
  });

  it('passes a received body through exactly, trailing whitespace included', async () => {
    const tag = ' \t  \t\t\t\t \t \t \t    \t\t  \t   \t\t  \t';
    fake.send(`:bob!b@h PRIVMSG alice :  hello${tag}\r\n`);
    const m = await alice.next('message', (x) => x.body.includes('hello'));
    expect(m.body).toBe(`  hello${tag}`);
  });

  it('sizes lines for the prefix the server will add, from the mask in its welcome', () => {
    // 001 said alice!~alice@fake.host; 005 said NICKLEN=20.
    expect(alice.adapter.maxMessageBytesFor('bob')).toBe(510 - ':alice__!~alice@fake.host PRIVMSG bob :'.length);
    expect(alice.adapter.maxMessageBytes).toBe(alice.adapter.maxMessageBytesFor('x'.repeat(20)));
  });

  it('answers CTCP VERSION and PING when configured, never TIME unless asked', async () => {
    fake.send(
      ':bob!b@h PRIVMSG alice :\x01VERSION\x01\r\n:bob!b@h PRIVMSG alice :\x01PING 42\x01\r\n:bob!b@h PRIVMSG alice :\x01TIME\x01\r\n',
    );
    expect(await fake.waitForLine(/^NOTICE bob :.VERSION/)).toBe('NOTICE bob :\x01VERSION Sotto test\x01');
    expect(await fake.waitForLine(/^NOTICE bob :.PING/)).toBe('NOTICE bob :\x01PING 42\x01');
    await alice.next('dropped', (d) => /CTCP TIME query from bob was not answered/.test(d.reason));
    expect(fake.received.some((l) => l.includes('TIME '))).toBe(false);
  });
});

describe('a server whose welcome does not say how it shows us', () => {
  it('asks with WHOIS, writes nothing before the answer, then sizes lines exactly', async () => {
    const { fake, alice } = await setUp({ welcomeMask: false, clientHost: 'a-rather-long-cloaked-host.example.org' });
    await alice.adapter.connect();
    // Until the server says, the limit assumes the longest user and host.
    const early = alice.adapter.sendMessage('bob', 'sent before the answer');
    await fake.waitForLine(/^PRIVMSG bob :sent before the answer$/);
    expect(fake.received.indexOf('WHOIS alice')).toBeLessThan(
      fake.received.indexOf('PRIVMSG bob :sent before the answer'),
    );
    await early;
    const exact = 510 - ':alice__!~alice@a-rather-long-cloaked-host.example.org PRIVMSG bob :'.length;
    expect(alice.adapter.maxMessageBytesFor('bob')).toBe(exact);
    const result = await alice.adapter.sendMessage('bob', 'y'.repeat(600));
    expect(result.parts).toBe(2);
    expect(await fake.waitForLine(/^PRIVMSG bob :y+$/)).toBe(`PRIVMSG bob :${'y'.repeat(exact)}`);
  });
});

describe('bad input from the server', () => {
  let fake: FakeIrcd;
  let alice: Recorded;
  beforeAll(async () => {
    fake = await startFakeIrcd();
    alice = recordedAdapter({ nick: 'alice', host: fake.host, port: fake.port, tls: false });
    await alice.adapter.connect();
    await fake.registered();
  });
  afterAll(async () => {
    await alice.adapter.disconnect();
    await fake.close();
  });

  /** The adapter still hears a plain message after whatever came before. */
  async function stillWorks(tag: string): Promise<void> {
    fake.send(`:carol!c@h PRIVMSG alice :still here ${tag}\r\n`);
    await alice.next('message', (m) => m.body === `still here ${tag}`);
    expect(alice.adapter.state).toEqual({ state: 'online' });
  }

  it('drops a 10 MB line without holding it in memory, reports it, and goes on', async () => {
    const before = process.memoryUsage().rss;
    fake.send(':mallory!m@h PRIVMSG alice :');
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < 10; i++) fake.send(chunk);
    fake.send('\r\n');
    const dropped = await alice.next('dropped', (d) => /bytes from the server was dropped/.test(d.reason), 20_000);
    expect(Number(/(\d+) bytes/.exec(dropped.reason)?.[1])).toBeGreaterThan(10 * 1024 * 1024);
    await stillWorks('after 10 MB');
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(alice.events.message.some((m) => m.peer === 'mallory')).toBe(false);
  });

  it('reports invalid UTF-8 and delivers the rest of the message with U+FFFD in place of the bad bytes', async () => {
    fake.send(
      Buffer.concat([
        Buffer.from(':mallory!m@h PRIVMSG alice :bad '),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(' bytes\r\n'),
      ]),
    );
    const m = await alice.next('message', (x) => x.peer === 'mallory' && x.body.endsWith(' bytes'));
    expect(m.body).toBe('bad \uFFFD(\uFFFD\uFFFD bytes');
    await alice.next('dropped', (d) => /from mallory was not valid UTF-8/.test(d.reason));
    await stillWorks('after invalid UTF-8');
  });

  it('survives malformed lines the IRC library would choke on', async () => {
    const malformed = [
      'PRIVMSG',
      ':x PRIVMSG',
      ':a!b@c PRIVMSG alice',
      ':s 353',
      ':s 366',
      ':s 311 alice',
      ':s 301',
      ':s 433',
      ':n!u@h JOIN',
      ':n!u@h NICK',
      ':n!u@h KICK',
      '@@@ :',
      ':',
      '\x00\x01\x02',
      ':s 005',
      ':s CAP',
      ':s 730',
      ':s 303',
      ':s 001',
    ];
    fake.send(malformed.map((l) => `${l}\r\n`).join(''));
    await stillWorks('after malformed lines');
    // The library threw on several of them: each was caught at the transport and reported.
    expect(
      alice.events.dropped.filter((d) => /could not be handled and was dropped/.test(d.reason)).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('drops a flood from one sender, says so once with a count, and keeps hearing others', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `:mallory!m@h PRIVMSG alice :spam ${i}\r\n`).join('');
    const since = alice.count('message');
    fake.send(lines);
    const started = await alice.next('dropped', (d) => /mallory is sending messages faster/.test(d.reason));
    expect(started.reason).toMatch(/dropping them/);
    const summary = await alice.next('dropped', (d) => /^Dropped \d+ messages from mallory/.test(d.reason), 5000);
    const delivered = alice.events.message.slice(since).filter((m) => m.peer === 'mallory').length;
    expect(delivered + Number(/Dropped (\d+)/.exec(summary.reason)?.[1])).toBe(5000);
    expect(delivered).toBeLessThan(1000);
    expect(alice.events.dropped.filter((d) => d.reason.includes('mallory') && /faster/.test(d.reason))).toHaveLength(1);
    await stillWorks('after a flood');
  });

  it('reconnects when the server sends ERROR and closes the link, saying why', async () => {
    const states = alice.count('state');
    fake.send('ERROR :Closing link: testing\r\n');
    fake.dropClients();
    const down = await alice.next('state', (s) => s.state === 'reconnecting', 5000, states);
    expect(down).toMatchObject({ reason: expect.stringMatching(/Closing link: testing/) });
    await alice.next('state', (s) => s.state === 'online', 10_000, states);
    await stillWorks('after reconnecting');
  });
});

describe('a server that drops us right after each login', () => {
  const reconnectingAttempts = (alice: Recorded, since: number) =>
    alice.events.state
      .slice(since)
      .flatMap((s) => (s.state === 'reconnecting' ? [{ attempt: s.attempt, retryInMs: s.retryInMs }] : []));

  it('keeps backing off (1 s, 2 s, 4 s) however often the login succeeds, and starts over after a connection that lasted', async () => {
    const { fake, alice } = await setUp({}, { stableAfterMs: 1500 });
    await alice.adapter.connect();
    const states = alice.count('state');
    for (let drop = 0; drop < 3; drop++) {
      const online = alice.count('state');
      fake.dropClients();
      await alice.next('state', (s) => s.state === 'online', 10_000, online + 1);
    }
    const attempts = reconnectingAttempts(alice, states);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    [1000, 2000, 4000].forEach((ceiling, i) => expect(attempts[i]?.retryInMs).toBeGreaterThanOrEqual(ceiling * 0.8));

    // Online longer than stableAfterMs: the next drop is a fresh start.
    await new Promise((r) => setTimeout(r, 1600));
    const later = alice.count('state');
    fake.dropClients();
    await alice.next('state', (s) => s.state === 'online', 10_000, later);
    expect(reconnectingAttempts(alice, later).map((a) => a.attempt)).toEqual([1]);
  });
});
