/** The right-hand pane: the tabs and the active conversation, or a word on how to start. */
import { useAppStore } from '../../store/app-store';
import { useConversationStore } from '../../store/conversation-store';
import { openDialog } from '../../store/ui-store';
import { ConversationView } from './ConversationView';
import { TabStrip } from './TabStrip';

export function ConversationPane() {
  const active = useConversationStore((s) => s.active);
  const hasTabs = useConversationStore((s) => s.tabs.length > 0);
  const hasAccounts = useAppStore((s) => s.accounts.length > 0);
  return (
    <main className="conversation-pane" aria-label="Conversations">
      {hasTabs ? (
        <>
          <TabStrip />
          {active && <ConversationView key={active} convKey={active} />}
        </>
      ) : (
        <div className="empty-conversations">
          <h2>{hasAccounts ? 'No conversation open' : 'Welcome to Sotto'}</h2>
          {hasAccounts ? (
            <p>
              Pick a buddy in the list to start a conversation. Conversations with buddies whose clients speak OTR
              become private by themselves.
            </p>
          ) : (
            <>
              <p>
                Add your XMPP (Jabber) or IRC account to begin. Your one-to-one conversations will be encrypted with
                Off-the-Record messaging wherever the other side supports it.
              </p>
              <button type="button" className="primary" onClick={() => openDialog('accounts')}>
                Add an account
              </button>
            </>
          )}
        </div>
      )}
    </main>
  );
}
