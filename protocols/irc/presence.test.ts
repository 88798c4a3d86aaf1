import { describe, expect, it } from 'vitest';
import { awayLine, isonLines, PresenceWatch, Roster } from './presence';
import { foldCase } from './wire';

const roster = (...peers: string[]) => {
  const r = new Roster((n) => foldCase(n));
  for (const p of peers) r.add(p);
  return r;
};

describe('Roster', () => {
  it('reports a change of presence once, and compares nicks folded', () => {
    const r = roster('Bob');
    expect(r.set('bob', 'available')).toEqual({ peer: 'Bob', availability: 'available' });
    expect(r.set('BOB', 'available')).toBeUndefined();
    expect(r.set('bob', 'away', 'lunch')).toEqual({ peer: 'Bob', availability: 'away', status: 'lunch' });
    expect(r.alive('bob')).toBeUndefined(); // away is still online
    expect(r.set('carol', 'available')).toBeUndefined(); // not a buddy
    expect(r.allOffline()).toEqual([{ peer: 'Bob', availability: 'offline' }]);
  });
});

describe('ISON', () => {
  it('batches nicks into lines that fit', () => {
    const nicks = Array.from({ length: 100 }, (_, i) => `nick${i}`);
    const lines = isonLines(nicks, 100);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(100);
    expect(lines.flatMap((l) => l.split(' ').slice(1))).toEqual(nicks);
  });

  it('matches each answer to its question: who is not named is offline', () => {
    const sent: string[] = [];
    const changes: string[] = [];
    const r = roster('ann', 'ben');
    const watch = new PresenceWatch(
      r,
      'ison',
      (l) => sent.push(l),
      (p) => changes.push(`${p.peer}:${p.availability}`),
    );
    watch.start();
    watch.stop();
    expect(sent).toEqual(['ISON ann ben']);
    watch.online(['ann']);
    // The answer after stop() has no question: nothing changes.
    expect(changes).toEqual([]);
    const again = new PresenceWatch(
      r,
      'ison',
      (l) => sent.push(l),
      (p) => changes.push(`${p.peer}:${p.availability}`),
    );
    again.start();
    again.online(['ann']);
    again.stop();
    expect(changes).toEqual(['ann:available', 'ben:offline']);
  });

  it('uses MONITOR where the server has it', () => {
    const sent: string[] = [];
    const changes: string[] = [];
    const watch = new PresenceWatch(
      roster('ann', 'ben'),
      'monitor',
      (l) => sent.push(l),
      (p) => changes.push(`${p.peer}:${p.availability}`),
    );
    watch.start();
    watch.online(['ben']);
    watch.offline(['ann']);
    expect(sent).toEqual(['MONITOR + ann,ben']);
    expect(changes).toEqual(['ben:available', 'ann:offline']);
  });
});

describe('awayLine', () => {
  it('maps availability to AWAY, one short line', () => {
    expect(awayLine('available')).toBe('AWAY');
    expect(awayLine('dnd')).toBe('AWAY :Busy');
    expect(awayLine('away', 'at\r\nlunch')).toBe('AWAY :at lunch');
    expect(Buffer.byteLength(awayLine('xa', 'é'.repeat(500)))).toBeLessThanOrEqual(206);
  });
});
