/** The active conversation: header with the OTR button, key warning, lines, and the input. */
import { useEffect } from 'react';
import { fire } from '../../actions/attempt';
import { ensureLoaded, markRead } from '../../actions/conversations';
import type { ConvKey } from '../../lib/conversation-keys';
import { useAppStore } from '../../store/app-store';
import { useBuddyStore } from '../../store/buddy-store';
import { useConversationStore } from '../../store/conversation-store';
import { Announcer } from './Announcer';
import { ConversationHeader } from './ConversationHeader';
import { FinishedNotice } from './FinishedNotice';
import { KeyChangedWarning } from './KeyChangedWarning';
import { MessageInput } from './MessageInput';
import { MessageList } from './MessageList';
import { panelId, tabId } from './TabStrip';

export function ConversationView({ convKey }: { convKey: ConvKey }) {
  const conv = useConversationStore((s) => s.conversations[convKey]);
  const alias = useBuddyStore((s) => s.buddies[convKey]?.name);
  const online = useAppStore((s) => s.accounts.find((a) => a.accountId === conv?.accountId)?.state === 'online');
  const unread = conv?.unread ?? 0;

  useEffect(() => {
    fire(ensureLoaded(convKey));
  }, [convKey]);

  useEffect(() => {
    if (unread > 0 && document.hasFocus()) fire(markRead(convKey));
  }, [convKey, unread]);

  if (!conv) return null;
  const name = conv.kind === 'group' ? conv.peer : alias || conv.peer;
  return (
    <section
      id={panelId(convKey)}
      role="tabpanel"
      aria-labelledby={tabId(convKey)}
      className="conversation"
      data-testid="conversation"
    >
      <ConversationHeader conv={conv} name={name} />
      {conv.kind === 'direct' && <KeyChangedWarning convKey={convKey} peerName={name} />}
      <MessageList convKey={convKey} peerName={name} group={conv.kind === 'group'} />
      <Announcer convKey={convKey} peerName={name} />
      {conv.kind === 'direct' && <FinishedNotice convKey={convKey} peerName={name} />}
      <MessageInput
        key={convKey}
        convKey={convKey}
        peerName={name}
        disabledReason={online ? undefined : 'The account is offline: connect it to send messages'}
      />
    </section>
  );
}
