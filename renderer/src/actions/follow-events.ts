/** Every event from the core, into the stores (and, when the window is elsewhere, a desktop notification). */
import type { ApiClient } from '../api/client';
import { convKey } from '../lib/conversation-keys';
import { showIfUnfocused } from '../notify/notifier';
import { patchAccount } from '../store/app-store';
import { addRequest, displayName, removeBuddy, upsertBuddy } from '../store/buddy-store';
import { activate, addLine, conversation, setMembers, useConversationStore } from '../store/conversation-store';
import { patchSmp, patchStatus, setKeygen, setSmp, useOtrStore } from '../store/otr-store';
import { useSettingsStore } from '../store/settings-store';
import { notify, queueCertificate, setUi } from '../store/ui-store';
import { fire } from './attempt';
import { refreshAccounts } from './accounts';
import { markRead, openConversation } from './conversations';
import { refreshOtrStatus } from './otr';

const notificationsOn = () => useSettingsStore.getState().settings.notifications;
const isLooking = (key: string) => useConversationStore.getState().active === key && document.hasFocus();

function showConversation(accountId: string, peer: string) {
  return () => {
    fire(openConversation(accountId, peer));
    activate(convKey(accountId, peer));
  };
}

export function followEvents(api: ApiClient): void {
  api.on('account.state', (e) => {
    // An event without an error clears the one shown before.
    patchAccount(e.accountId, { state: e.state, error: e.error });
    if (e.state === 'online') fire(refreshAccounts());
  });
  api.on('conversation.line', ({ accountId, peer, line }) => {
    const key = convKey(accountId, peer);
    const open = useConversationStore.getState().tabs.includes(key);
    addLine(accountId, peer, line, !isLooking(key));
    if (!open && line.direction === 'in')
      fire(openConversation(accountId, peer, conversation(key)?.kind ?? 'direct', false));
    if (line.direction === 'system' && line.level === 'error' && conversation(key)?.kind === 'direct') {
      fire(refreshOtrStatus(key));
    }
  });
  api.on('message.received', (m) => {
    const name = displayName(m.accountId, m.peer);
    // What was said in private stays out of the system's notification history.
    const body = m.encrypted ? 'New private message' : m.text.slice(0, 200);
    showIfUnfocused(
      { title: name, body, tag: convKey(m.accountId, m.peer), onClick: showConversation(m.accountId, m.peer) },
      notificationsOn(),
    );
  });
  api.on('otr.state', (e) => {
    const key = convKey(e.accountId, e.peer);
    patchStatus(key, e);
    fire(refreshOtrStatus(key));
  });
  api.on('otr.smp', (e) => {
    const key = convKey(e.accountId, e.peer);
    const run = useOtrStore.getState().smp[key];
    switch (e.event) {
      case 'request':
        setSmp(key, {
          by: 'them',
          method: e.question ? 'question' : 'secret',
          ...(e.question ? { question: e.question } : {}),
          progress: e.progress ?? 0,
          awaitingAnswer: true,
        });
        fire(openConversation(e.accountId, e.peer, 'direct', false));
        setUi({ smpRequest: key });
        showIfUnfocused(
          {
            title: `${displayName(e.accountId, e.peer)} wants to authenticate you`,
            body: e.question ? `They ask: ${e.question}` : 'They ask for the secret you share.',
            tag: `smp:${key}`,
            onClick: showConversation(e.accountId, e.peer),
          },
          notificationsOn(),
        );
        return;
      case 'progress':
        if (run) patchSmp(key, { progress: Math.max(run.progress, e.progress ?? run.progress) });
        return;
      default:
        if (!run) return;
        patchSmp(key, { outcome: e.event, progress: 100 });
        fire(
          refreshOtrStatus(key).then(() =>
            patchSmp(key, { verifiedAfter: useOtrStore.getState().status[key]?.verified ?? false }),
          ),
        );
    }
  });
  api.on('buddy.updated', (b) => upsertBuddy(b));
  api.on('buddy.removed', (b) => removeBuddy(b.accountId, b.peer));
  api.on('subscription.request', ({ accountId, peer }) => {
    addRequest(accountId, peer);
    showIfUnfocused(
      { title: 'Buddy request', body: `${peer} wants to see when you are online.`, tag: `sub:${accountId}:${peer}` },
      notificationsOn(),
    );
  });
  api.on('account.certificate', (c) => queueCertificate(c));
  api.on('group.members', (g) => setMembers(g.accountId, g.room, g.members));
  api.on('otr.keygen', (k) => {
    setKeygen(k.accountId, k.phase, k.message);
    if (k.phase !== 'started') fire(refreshAccounts());
  });
  api.on('error', (e) => notify(e.message));
  window.addEventListener('focus', () => {
    const active = useConversationStore.getState().active;
    if (active && (conversation(active)?.unread ?? 0) > 0) fire(markRead(active));
  });
}
