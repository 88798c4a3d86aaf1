/** Buddies (the rosters of every account) and the subscription requests waiting for an answer. */
import { create } from 'zustand';
import type { Buddy } from '../../../app/api/shapes';
import { convKey, type ConvKey } from '../lib/conversation-keys';

interface BuddyState {
  buddies: Record<ConvKey, Buddy>;
  requests: { accountId: string; peer: string }[];
  filter: string;
}

export const useBuddyStore = create<BuddyState>(() => ({ buddies: {}, requests: [], filter: '' }));

export function setBuddies(list: Buddy[]): void {
  useBuddyStore.setState({ buddies: Object.fromEntries(list.map((b) => [convKey(b.accountId, b.peer), b])) });
}

export function upsertBuddy(b: Buddy): void {
  useBuddyStore.setState((s) => ({ buddies: { ...s.buddies, [convKey(b.accountId, b.peer)]: b } }));
}

export function removeBuddy(accountId: string, peer: string): void {
  useBuddyStore.setState((s) => {
    const buddies = { ...s.buddies };
    delete buddies[convKey(accountId, peer)];
    return { buddies };
  });
}

export function addRequest(accountId: string, peer: string): void {
  useBuddyStore.setState((s) =>
    s.requests.some((r) => r.accountId === accountId && r.peer === peer)
      ? s
      : { requests: [...s.requests, { accountId, peer }] },
  );
}

export function dropRequest(accountId: string, peer: string): void {
  useBuddyStore.setState((s) => ({
    requests: s.requests.filter((r) => !(r.accountId === accountId && r.peer === peer)),
  }));
}

export function setFilter(filter: string): void {
  useBuddyStore.setState({ filter });
}

/** The name to show for a peer: the roster alias when there is one. */
export function displayName(accountId: string, peer: string): string {
  return useBuddyStore.getState().buddies[convKey(accountId, peer)]?.name || peer;
}
