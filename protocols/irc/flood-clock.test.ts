import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FloodClock } from './flood-clock';
import { Pacer, type LineSource } from './pacer';

/** Sends `n` lines of `bytes` as fast as the clock allows; returns the send times. */
function schedule(clock: FloodClock, n: number, bytes: number): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < n; i++) {
    now += clock.waitMs(now);
    clock.spend(now, bytes);
    times.push(now);
  }
  return times;
}

describe('FloodClock', () => {
  it('lets a short burst go at once, then paces', () => {
    const times = schedule(new FloodClock(), 8, 40);
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(times[4]).toBeGreaterThan(0);
  });

  it('after the burst, lets at most two short lines into any second (ngIRCd takes three)', () => {
    const times = schedule(new FloodClock(), 60, 30);
    const late = times.filter((t) => t >= 3000);
    for (const start of late) expect(late.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(2);
  });

  it('sends long lines about one a second, the pace ngIRCd handles them', () => {
    const times = schedule(new FloodClock(), 20, 500);
    const gaps = times.slice(3).map((t, i) => t - (times[i + 2] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(999);
    // …and not slower than needed.
    expect(times[19]).toBeLessThanOrEqual(19_000);
  });

  it('forgets old spending: after a pause the burst is available again', () => {
    const clock = new FloodClock();
    schedule(clock, 10, 400);
    expect(clock.waitMs(60_000)).toBe(0);
  });
});

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const lines = (...all: string[]): LineSource => ({ take: () => all.shift() });

  it('holds messages until the connection is ready, and puts control lines first', () => {
    const out: string[] = [];
    const pacer = new Pacer(new FloodClock(), () => Date.now());
    pacer.addMessage(lines('PRIVMSG a :1'));
    const sink = (l: string) => out.push(l);
    pacer.open(sink);
    pacer.sendControl('NICK me');
    expect(out).toEqual(['NICK me']);
    pacer.setReady(true);
    expect(out).toEqual(['NICK me', 'PRIVMSG a :1']);
  });

  it('writes PONG at once even when the clock says wait', () => {
    const out: string[] = [];
    const pacer = new Pacer(new FloodClock(), () => Date.now());
    pacer.open((l) => out.push(l));
    for (let i = 0; i < 10; i++) pacer.sendControl(`JOIN #c${i}`);
    const before = out.length;
    pacer.sendControl('PONG :x');
    expect(out.length).toBe(before + 1);
    expect(out[out.length - 1]).toBe('PONG :x');
  });

  it('paces over time and delivers everything in order', async () => {
    const out: string[] = [];
    const pacer = new Pacer(new FloodClock(), () => Date.now());
    pacer.open((l) => out.push(l));
    pacer.setReady(true);
    const all = Array.from({ length: 12 }, (_, i) => `PRIVMSG a :${i}`);
    pacer.addMessage(lines(...all));
    expect(out.length).toBe(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(out).toEqual(all);
  });

  it("keeps unwritten messages across a reconnection and drops the old connection's lines", async () => {
    const first: string[] = [];
    const second: string[] = [];
    const pacer = new Pacer(new FloodClock(), () => Date.now());
    const sink1 = (l: string) => first.push(l);
    pacer.open(sink1);
    pacer.setReady(true);
    pacer.addMessage(lines(...Array.from({ length: 8 }, (_, i) => `PRIVMSG a :${i}`)));
    pacer.sendControl('AWAY :old');
    let written = false;
    pacer.sendControl('JOIN #old', () => (written = true));
    pacer.close(sink1);
    expect(written).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    const sink2 = (l: string) => second.push(l);
    pacer.open(sink2);
    pacer.setReady(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect([...first, ...second].filter((l) => l.startsWith('PRIVMSG'))).toEqual(
      Array.from({ length: 8 }, (_, i) => `PRIVMSG a :${i}`),
    );
    expect(second.some((l) => l.startsWith('JOIN'))).toBe(false);
  });
});
