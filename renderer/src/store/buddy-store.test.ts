/** Rosters of every account, subscription requests and the names shown for peers. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Buddy } from '../../../app/api/shapes';
import { convKey } from '../lib/conversation-keys';
import {
  addRequest,
  displayName,
  dropRequest,
  removeBuddy,
  setBuddies,
  upsertBuddy,
  useBuddyStore,
} from './buddy-store';

function buddy(accountId: string, peer: string, over: Partial<Buddy> = {}): Buddy {
  return {
    accountId,
    peer,
    groups: [],
    subscription: 'both',
    pending: false,
    presence: { availability: 'available' },
    unread: 0,
    ...over,
  };
}

beforeEach(() => useBuddyStore.setState(useBuddyStore.getInitialState(), true));

describe('buddies', () => {
  it('keeps the same peer on two accounts as two buddies', () => {
    setBuddies([buddy('a', 'bob@example.org'), buddy('b', 'bob@example.org')]);
    expect(Object.keys(useBuddyStore.getState().buddies)).toEqual([
      convKey('a', 'bob@example.org'),
      convKey('b', 'bob@example.org'),
    ]);
  });

  it('replaces the whole list', () => {
    setBuddies([buddy('a', 'bob@example.org')]);
    setBuddies([buddy('a', 'carol@example.org')]);
    expect(Object.keys(useBuddyStore.getState().buddies)).toEqual([convKey('a', 'carol@example.org')]);
  });

  it('updates a buddy in place and adds a new one', () => {
    setBuddies([buddy('a', 'bob@example.org')]);
    upsertBuddy(buddy('a', 'bob@example.org', { presence: { availability: 'away' } }));
    upsertBuddy(buddy('a', 'carol@example.org'));
    const { buddies } = useBuddyStore.getState();
    expect(buddies[convKey('a', 'bob@example.org')]?.presence.availability).toBe('away');
    expect(Object.keys(buddies)).toHaveLength(2);
  });

  it('removes only the buddy of that account', () => {
    setBuddies([buddy('a', 'bob@example.org'), buddy('b', 'bob@example.org')]);
    removeBuddy('a', 'bob@example.org');
    expect(Object.keys(useBuddyStore.getState().buddies)).toEqual([convKey('b', 'bob@example.org')]);
  });
});

describe('subscription requests', () => {
  it('keeps one request per account and peer', () => {
    addRequest('a', 'bob@example.org');
    addRequest('a', 'bob@example.org');
    addRequest('b', 'bob@example.org');
    expect(useBuddyStore.getState().requests).toEqual([
      { accountId: 'a', peer: 'bob@example.org' },
      { accountId: 'b', peer: 'bob@example.org' },
    ]);
  });

  it('drops the answered request only', () => {
    addRequest('a', 'bob@example.org');
    addRequest('b', 'bob@example.org');
    dropRequest('a', 'bob@example.org');
    expect(useBuddyStore.getState().requests).toEqual([{ accountId: 'b', peer: 'bob@example.org' }]);
  });
});

describe('displayName', () => {
  it('shows the roster alias when there is one', () => {
    setBuddies([buddy('a', 'bob@example.org', { name: 'Bob' })]);
    expect(displayName('a', 'bob@example.org')).toBe('Bob');
  });

  it('shows the address for an empty alias, another account or a stranger', () => {
    setBuddies([buddy('a', 'bob@example.org', { name: '' }), buddy('b', 'carol@example.org', { name: 'Carol' })]);
    expect(displayName('a', 'bob@example.org')).toBe('bob@example.org');
    expect(displayName('a', 'carol@example.org')).toBe('carol@example.org');
    expect(displayName('a', 'dave@example.org')).toBe('dave@example.org');
  });
});
