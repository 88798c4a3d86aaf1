/**
 * Flood control measured against ngIRCd with its default penalties on (as real
 * servers run): many lines sent at once all arrive, in order, we are not
 * disconnected, and the server never has to hold our lines back, which we
 * measure as the delay between our writing a line and the other client
 * receiving it. A raw client that does not pace is measured the same way, to
 * show the measurement sees throttling when there is some.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NgircdServer } from '../../testkit/servers/ngircd';
import { connectPeer, type IrcPeer } from './test-support/irc-peer';
import { startScene, stopScene } from './test-support/scene';
import type { Recorded } from './test-support/harness';

let server: NgircdServer;
let alice: Recorded;
let bob: IrcPeer;

// Flood protection on: ngIRCd's default penalties.
beforeAll(async () => void ({ server, alice, bob } = await startScene()));
afterAll(() => stopScene({ server, alice, bob }));

const watchers: ReturnType<typeof setInterval>[] = [];
afterAll(() => watchers.forEach(clearInterval));

/** When bob received each line whose body matches, by body. */
function watchArrivals(pattern: RegExp): Map<string, number> {
  const arrivals = new Map<string, number>();
  const seen = { n: bob.lines.length };
  const timer = setInterval(() => {
    for (; seen.n < bob.lines.length; seen.n++) {
      const text = String(bob.lines[seen.n]);
      const body = text.slice(text.indexOf(' :', text.indexOf(' PRIVMSG ')) + 2);
      if (pattern.test(body)) arrivals.set(body, Date.now());
    }
  }, 5);
  watchers.push(timer);
  return arrivals;
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('flood control against ngIRCd with its default penalties', () => {
  it('sends 30 lines at once: all arrive in order, each within a second or so of leaving, and we stay connected', async () => {
    const arrivals = watchArrivals(/^flood line \d+$/);
    const bodies = Array.from({ length: 30 }, (_, i) => `flood line ${i + 1}`);
    const written = new Map<string, number>();
    const start = Date.now();
    await Promise.all(bodies.map((b) => alice.adapter.sendMessage('bob', b).then(() => written.set(b, Date.now()))));
    await until(() => arrivals.size === 30, 20_000);
    expect(bob.messagesFrom('alice').filter((m) => m.startsWith('flood line'))).toEqual(bodies);
    const lags = bodies.map((b) => (arrivals.get(b) ?? Infinity) - (written.get(b) ?? 0));
    // ngIRCd counts time in whole seconds, so a line of the first burst may wait up to one;
    // after that the server takes each line as it comes (measured: a few ms).
    expect(Math.max(...lags), `delays in ms: ${lags.join(' ')}`).toBeLessThan(1500);
    expect(Math.max(...lags.slice(4)), `delays in ms: ${lags.join(' ')}`).toBeLessThan(500);
    expect(alice.adapter.state).toEqual({ state: 'online' });
    expect(alice.events.state.map((s) => s.state)).toEqual(['connecting', 'online']);
    // Paced, not crawling: about two short lines a second after a small burst.
    expect(Date.now() - start).toBeLessThan(20_000);
  }, 60_000);

  it("sends a 3,000-character message (an OTR message's size) whole, at the pace ngIRCd takes long lines", async () => {
    const body = Array.from(
      { length: 3000 },
      (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[i % 64],
    ).join('');
    const arrivals = watchArrivals(/^[A-Za-z0-9+/]{100,}$/);
    const sentAt = Date.now();
    const result = await alice.adapter.sendMessage('bob', body);
    expect(result.parts).toBe(Math.ceil(3000 / alice.adapter.maxMessageBytesFor('bob')));
    await until(() => arrivals.size === result.parts, 20_000);
    const parts = bob.messagesFrom('alice').slice(-(result.parts ?? 0));
    expect(parts.join('')).toBe(body);
    const lastArrival = Math.max(...arrivals.values());
    expect(lastArrival - Date.now()).toBeLessThan(1500);
    expect(lastArrival - sentAt).toBeLessThan((result.parts ?? 0) * 1000 + 1500);
    expect(alice.adapter.state).toEqual({ state: 'online' });
  }, 60_000);

  it('(the measurement) sees ngIRCd hold back a client that does not pace itself', async () => {
    const raw = await connectPeer(server.host, server.port, 'rusher');
    try {
      const arrivals = new Map<string, number>();
      const before = bob.lines.length;
      const sentAt = Date.now();
      raw.send(Array.from({ length: 15 }, (_, i) => `PRIVMSG bob :rush ${i + 1}\r\n`).join(''));
      await until(() => {
        for (const l of bob.lines.slice(before)) {
          const m = / PRIVMSG bob :(rush \d+)$/.exec(String(l));
          if (m?.[1] && !arrivals.has(m[1])) arrivals.set(m[1], Date.now());
        }
        return arrivals.size === 15;
      }, 30_000);
      // ngIRCd takes three lines a second from an unpaced client: the last waits seconds.
      expect((arrivals.get('rush 15') ?? 0) - sentAt).toBeGreaterThan(3000);
    } finally {
      raw.close();
    }
  }, 60_000);
});
