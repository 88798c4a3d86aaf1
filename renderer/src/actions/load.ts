/** The first state from the core, then its events. Commands a core does not have yet leave their part empty. */
import type { ApiClient } from '../api/client';
import { setApi } from '../api/api';
import { convKey } from '../lib/conversation-keys';
import { useAppStore } from '../store/app-store';
import { setBuddies } from '../store/buddy-store';
import { openTab, setUnread } from '../store/conversation-store';
import { followEvents } from './follow-events';
import { loadSettings } from './settings';
import { refreshFingerprints } from './otr';

const quietly = (p: Promise<unknown>) => p.catch(() => undefined);

export async function loadFromCore(api: ApiClient): Promise<void> {
  // Marks for benchmarks and the performance panel: transport up, first state loaded.
  performance.mark('sotto:connected');
  setApi(api);
  followEvents(api);
  const [info, accounts] = await Promise.all([api.call('app.info', {}), api.call('account.list', {})]);
  useAppStore.setState({ info, accounts });
  await Promise.all([
    quietly(loadSettings()),
    quietly(refreshFingerprints()),
    quietly(api.call('buddy.list', {}).then(setBuddies)),
    quietly(
      api.call('conversation.list', {}).then((list) => {
        for (const c of list) {
          openTab(c.accountId, c.peer, c.kind, false);
          setUnread(convKey(c.accountId, c.peer), c.unread);
        }
      }),
    ),
  ]);
  performance.mark('sotto:loaded');
  useAppStore.setState({ connection: { state: 'ready' } });
}
