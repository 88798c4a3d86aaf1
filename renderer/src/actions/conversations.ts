/** Opening, reading, writing and closing conversations. */
import { api } from '../api/api';
import { isUnsupported } from '../lib/errors';
import { splitKey, type ConvKey } from '../lib/conversation-keys';
import {
  closeTab,
  conversation,
  mergeHistory,
  openTab,
  rememberSent,
  setUnread,
  type Kind,
} from '../store/conversation-store';
import { useOtrStore } from '../store/otr-store';
import { attempt } from './attempt';
import { refreshOtrStatus } from './otr';

/** Opens (or shows) a conversation tab; its view loads the history and OTR status. */
export async function openConversation(
  accountId: string,
  peer: string,
  kind: Kind = 'direct',
  focus = true,
): Promise<ConvKey> {
  const key = openTab(accountId, peer, kind, focus);
  if (focus) await markRead(key);
  return key;
}

const loading = new Set<ConvKey>();

/** The history and OTR status of a conversation, once per conversation. */
export async function ensureLoaded(key: ConvKey): Promise<void> {
  const conv = conversation(key);
  if (!conv || loading.has(key)) return;
  loading.add(key);
  try {
    const loads: Promise<unknown>[] = [];
    if (!conv.loaded) {
      const { accountId, peer } = splitKey(key);
      loads.push(
        attempt('Could not load the conversation', () =>
          api().call('conversation.history', { accountId, peer, limit: 10_000 }),
        ).then((lines) => mergeHistory(key, lines ?? [])),
      );
    }
    if (conv.kind === 'direct' && !useOtrStore.getState().status[key]) loads.push(refreshOtrStatus(key));
    await Promise.all(loads);
  } finally {
    loading.delete(key);
  }
}

export async function markRead(key: ConvKey): Promise<void> {
  const conv = conversation(key);
  if (!conv) return;
  setUnread(key, 0);
  try {
    await api().call('conversation.markRead', { accountId: conv.accountId, peer: conv.peer });
  } catch (err) {
    if (!isUnsupported(err)) throw err;
  }
}

/** Sends what was typed; the line itself arrives as a conversation.line event. */
export async function sendText(key: ConvKey, text: string): Promise<void> {
  const conv = conversation(key);
  if (!conv) return;
  rememberSent(key, text);
  if (conv.kind === 'group') await api().call('group.send', { accountId: conv.accountId, room: conv.peer, text });
  else await api().call('message.send', { accountId: conv.accountId, peer: conv.peer, text });
}

export async function joinGroup(accountId: string, room: string, nick?: string): Promise<void> {
  await api().call('group.join', { accountId, room, ...(nick ? { nick } : {}) });
  openTab(accountId, room, 'group', true);
}

/** Closes a tab; closing a group chat leaves the room, as Pidgin does. */
export async function closeConversation(key: ConvKey): Promise<void> {
  const conv = conversation(key);
  closeTab(key);
  if (conv?.kind === 'group')
    await attempt(`Could not leave ${conv.peer}`, () =>
      api().call('group.leave', { accountId: conv.accountId, room: conv.peer }),
    );
}
