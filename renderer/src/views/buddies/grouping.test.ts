/** The buddy list: roster groups, their order, who comes first in each, the search box, folded groups. */
import { describe, expect, it } from 'vitest';
import type { Buddy } from '../../../../app/api/shapes';
import type { Availability } from '../../store/app-store';
import { groupBuddies, NO_GROUP, rowKey, toRows } from './grouping';
import { AVAILABILITY_LABEL, AVAILABILITY_RANK, SELECTABLE } from './presence';

function buddy(
  peer: string,
  over: { name?: string; groups?: string[]; availability?: Availability; accountId?: string } = {},
): Buddy {
  const { availability = 'available', accountId = 'acct', ...rest } = over;
  return {
    accountId,
    peer,
    groups: [],
    subscription: 'both',
    pending: false,
    presence: { availability },
    unread: 0,
    ...rest,
  };
}

const names = (buddies: Buddy[]) => buddies.map((b) => b.peer);

describe('groupBuddies', () => {
  it('sorts groups by name, with buddies in no group last', () => {
    const groups = groupBuddies(
      [
        buddy('a', { groups: ['Work'] }),
        buddy('b'),
        buddy('c', { groups: ['Family'] }),
        buddy('d', { groups: ['Zoo'] }),
      ],
      '',
    );
    expect(groups.map((g) => g.name)).toEqual(['Family', 'Work', 'Zoo', NO_GROUP]);
  });

  it('shows a buddy in each of its groups', () => {
    const groups = groupBuddies([buddy('bob', { groups: ['Work', 'Friends'] })], '');
    expect(groups.map((g) => [g.name, names(g.buddies)])).toEqual([
      ['Friends', ['bob']],
      ['Work', ['bob']],
    ]);
  });

  it('puts who can answer now first: available, busy, away, extended away, invisible, offline', () => {
    const order: Availability[] = ['offline', 'xa', 'away', 'invisible', 'dnd', 'available'];
    const [group] = groupBuddies(
      order.map((availability) => buddy(availability, { availability })),
      '',
    );
    expect(names(group?.buddies ?? [])).toEqual(['available', 'dnd', 'away', 'xa', 'invisible', 'offline']);
  });

  it('sorts buddies with the same presence by the name shown, ignoring case', () => {
    const [group] = groupBuddies(
      [buddy('z@x', { name: 'bob' }), buddy('y@x', { name: 'Alice' }), buddy('carol@x')],
      '',
    );
    expect(names(group?.buddies ?? [])).toEqual(['y@x', 'z@x', 'carol@x']);
  });

  it('counts the buddies online in each group', () => {
    const [group] = groupBuddies(
      [buddy('a'), buddy('b', { availability: 'away' }), buddy('c', { availability: 'offline' })],
      '',
    );
    expect(group?.online).toBe(2);
  });

  it('finds buddies by alias or address, ignoring case and surrounding spaces', () => {
    const all = [
      buddy('bob@example.org', { name: 'Robert' }),
      buddy('carol@example.org'),
      buddy('dave@other.example', { name: 'Dave' }),
    ];
    expect(groupBuddies(all, '  ROB ').flatMap((g) => names(g.buddies))).toEqual(['bob@example.org']);
    expect(groupBuddies(all, 'example.org').flatMap((g) => names(g.buddies))).toEqual([
      'carol@example.org',
      'bob@example.org',
    ]);
  });

  it('leaves out groups with no buddy that matches the search', () => {
    const groups = groupBuddies([buddy('bob', { groups: ['Work'] }), buddy('carol', { groups: ['Family'] })], 'carol');
    expect(groups.map((g) => g.name)).toEqual(['Family']);
  });

  it('gives no groups for no buddies', () => {
    expect(groupBuddies([], '')).toEqual([]);
  });
});

describe('toRows and rowKey', () => {
  const groups = groupBuddies(
    [buddy('bob', { groups: ['Work', 'Friends'] }), buddy('carol', { groups: ['Work'] })],
    '',
  );

  it('gives a heading per group followed by its buddies', () => {
    const rows = toRows(groups, {});
    expect(rows.map((r) => (r.kind === 'group' ? `# ${r.group.name}` : r.buddy.peer))).toEqual([
      '# Friends',
      'bob',
      '# Work',
      'bob',
      'carol',
    ]);
  });

  it('shows only the heading of a folded group', () => {
    const rows = toRows(groups, { Work: true });
    expect(rows.map((r) => (r.kind === 'group' ? `# ${r.group.name}:${r.folded}` : r.buddy.peer))).toEqual([
      '# Friends:false',
      'bob',
      '# Work:true',
    ]);
  });

  it('gives every row its own key, also for a buddy shown in two groups', () => {
    const keys = toRows(groups, {}).map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives a buddy different keys on two accounts', () => {
    const rows = toRows(groupBuddies([buddy('bob', { accountId: 'a' }), buddy('bob', { accountId: 'b' })], ''), {});
    const keys = rows.map(rowKey);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('presence words', () => {
  it('labels every availability, calling dnd Busy', () => {
    expect(AVAILABILITY_LABEL.dnd).toBe('Busy');
    expect(Object.keys(AVAILABILITY_LABEL).sort()).toEqual(Object.keys(AVAILABILITY_RANK).sort());
  });

  it('does not offer extended away as a choice', () => {
    expect(SELECTABLE).toEqual(['available', 'away', 'dnd', 'invisible', 'offline']);
  });
});
