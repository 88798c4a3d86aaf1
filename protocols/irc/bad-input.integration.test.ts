/**
 * Bad input through a real ngIRCd: another client sends us invalid UTF-8,
 * over-long lines (600 bytes, 10 MB) and a burst of CTCP queries. ngIRCd
 * relays bytes as they are and does not pass on over-long lines; the adapter
 * reports what it could not take and keeps working. (What a hostile server itself can send is covered in
 * hostile-server.integration.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NgircdServer } from '../../testkit/servers/ngircd';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { startScene, stopScene } from './test-support/scene';
import type { Recorded } from './test-support/harness';

let server: NgircdServer;
let alice: Recorded;
let bob: IrcPeer;

beforeAll(async () => void ({ server, alice, bob } = await startScene({ floodProtection: false })));
afterAll(() => stopScene({ server, alice, bob }));

async function stillWorks(tag: string): Promise<void> {
  bob.send(`PRIVMSG alice :still here ${tag}`);
  await alice.next('message', (m) => m.body === `still here ${tag}`);
  await alice.adapter.sendMessage('bob', `and I hear you ${tag}`);
  await bob.waitFor(new RegExp(`:and I hear you ${tag}$`));
  expect(alice.adapter.state).toEqual({ state: 'online' });
}

describe('bad input relayed by ngIRCd', () => {
  it('takes a message with invalid UTF-8: reports it and shows U+FFFD for the bad bytes', async () => {
    const mallory = await connectPeer(server.host, server.port, 'mallory');
    try {
      mallory.send(
        Buffer.concat([
          Buffer.from('PRIVMSG alice :caf'),
          Buffer.from([0xe9]),
          Buffer.from(' au lait '),
          Buffer.from([0xf0, 0x28, 0x8c, 0xbc]),
          Buffer.from('\r\n'),
        ]),
      );
      const m = await alice.next('message', (x) => x.peer === 'mallory');
      expect(m.body).toBe('caf\uFFFD au lait \uFFFD(\uFFFD\uFFFD');
      await alice.next('dropped', (d) => /from mallory was not valid UTF-8/.test(d.reason));
      await stillWorks('utf8');
    } finally {
      mallory.close();
    }
  });

  it('is not disturbed by clients sending over-long lines, of 600 bytes or 10 MB', async () => {
    // ngIRCd 26 drops a client whose terminated line is over 512 bytes…
    const long = await connectPeer(server.host, server.port, 'mallory2');
    long.send(`PRIVMSG alice :${'B'.repeat(600)}`);
    await long.closed;
    expect(long.lines.map(String).join('\n')).toMatch(/Request too long/);
    // …and simply stops reading from one that sends 10 MB without a line end (until its ping timeout).
    const huge = await connectPeer(server.host, server.port, 'mallory3');
    try {
      huge.send(
        Buffer.concat([Buffer.from('PRIVMSG alice :'), Buffer.alloc(10 * 1024 * 1024, 0x42), Buffer.from('\r\n')]),
      );
      await stillWorks('huge');
      expect(alice.events.message.some((m) => m.peer === 'mallory2' || m.peer === 'mallory3')).toBe(false);
    } finally {
      huge.close();
    }
  });

  it('stays quiet under a burst of CTCP queries: no answers, one report each, still working', async () => {
    const mallory = await connectPeer(server.host, server.port, 'mallory4');
    try {
      const since = alice.count('dropped');
      mallory.send(Array.from({ length: 20 }, () => 'PRIVMSG alice :\x01VERSION\x01\r\n').join(''));
      await new Promise((r) => setTimeout(r, 1000));
      await stillWorks('ctcp');
      expect(mallory.lines.map(String).filter((l) => l.startsWith(':alice!'))).toEqual([]);
      expect(alice.events.dropped.slice(since).every((d) => /mallory4/.test(d.reason))).toBe(true);
    } finally {
      mallory.close();
    }
  });
});
