import { describe, expect, it } from 'vitest';
import { FloodGate } from './flood-gate';

describe('FloodGate', () => {
  const make = (now: { t: number }) =>
    new FloodGate<string>({ ratePerSecond: 10, burst: 3, maxHeld: 2, now: () => now.t });

  it('lets a burst through, then holds the newest per key, then drops new keys past the cap', () => {
    const now = { t: 0 };
    const gate = make(now);
    expect(['a', 'b', 'c'].map((k) => gate.offer(k, `${k}1`))).toEqual(['pass', 'pass', 'pass']);
    expect(gate.offer('a', 'a2')).toBe('held');
    expect(gate.offer('a', 'a3')).toBe('held');
    expect(gate.offer('b', 'b2')).toBe('held');
    expect(gate.offer('c', 'c2')).toBe('dropped');
    expect(gate.held).toBe(2);
    expect(gate.takeCounts()).toEqual({ merged: 1, dropped: 1 });
    expect(gate.takeCounts()).toBeUndefined();
  });

  it('lets held items out as the rate allows, longest waiting first, with their newest value', () => {
    const now = { t: 0 };
    const gate = make(now);
    for (const k of ['x', 'y', 'z']) gate.offer(k, k);
    gate.offer('a', 'a-old');
    gate.offer('b', 'b');
    gate.offer('a', 'a-new');
    expect(gate.drain()).toEqual([]);
    now.t = 100; // one token
    expect(gate.drain()).toEqual(['b']);
    now.t = 1000;
    expect(gate.drain()).toEqual(['a-new']);
    expect(gate.held).toBe(0);
  });

  it('keeps order: nothing passes while older updates are held', () => {
    const now = { t: 0 };
    const gate = make(now);
    for (const k of ['x', 'y', 'z']) gate.offer(k, k);
    gate.offer('a', 'a');
    now.t = 5000;
    expect(gate.offer('b', 'b')).toBe('held');
    expect(gate.drain()).toEqual(['a', 'b']);
  });
});
