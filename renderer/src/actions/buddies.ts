/** The roster: add and remove buddies, answer subscription requests. */
import { api } from '../api/api';
import { dropRequest } from '../store/buddy-store';

export async function addBuddy(accountId: string, peer: string, name?: string, group?: string): Promise<void> {
  await api().call('buddy.add', { accountId, peer, ...(name ? { name } : {}), ...(group ? { groups: [group] } : {}) });
}

export async function removeBuddy(accountId: string, peer: string): Promise<void> {
  await api().call('buddy.remove', { accountId, peer });
}

export async function answerRequest(accountId: string, peer: string, accept: boolean): Promise<void> {
  await api().call('buddy.authorize', { accountId, peer, accept });
  dropRequest(accountId, peer);
}
