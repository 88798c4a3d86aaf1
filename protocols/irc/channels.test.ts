import { describe, expect, it } from 'vitest';
import { Channels } from './channels';
import { foldCase } from './wire';

describe('Channels', () => {
  it('tracks members through NAMES, joins, parts, renames and quits, with folded names', () => {
    const c = new Channels((n) => foldCase(n));
    c.want('#Room');
    c.weJoined('#room', 'me');
    expect(c.names('#ROOM', ['me', 'Ann', 'ben'])).toBe(true);
    expect(c.joined('#room', 'cat')).toBe(true);
    expect(c.renamed('ann', 'anna')).toEqual(['#Room']);
    expect(c.parted('#room', 'ben')).toBe(true);
    expect(c.quit('cat')).toEqual(['#Room']);
    expect(c.membersOf('#room').sort()).toEqual(['anna', 'me']);
    expect(c.names('#elsewhere', ['x'])).toBe(false);
  });

  it('keeps the rooms it wants across a lost connection, not the members', () => {
    const c = new Channels((n) => foldCase(n));
    c.want('#a');
    c.weJoined('#a', 'me');
    expect(c.leftAll()).toEqual(['#a']);
    expect(c.isIn('#a')).toBe(false);
    expect(c.wantedRooms()).toEqual(['#a']);
    c.unwant('#A');
    expect(c.wantedRooms()).toEqual([]);
  });
});
