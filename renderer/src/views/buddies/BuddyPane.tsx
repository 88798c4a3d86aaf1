/** The buddy list pane: accounts and their status, requests, search, buddies, and the two ways to start talking. */
import { useAppStore } from '../../store/app-store';
import { openDialog } from '../../store/ui-store';
import { AccountStatusList } from './AccountStatusList';
import { BuddySearch } from './BuddySearch';
import { BuddyTree } from './BuddyTree';
import { SubscriptionRequests } from './SubscriptionRequests';

export function BuddyPane() {
  const hasAccounts = useAppStore((s) => s.accounts.length > 0);
  return (
    <aside className="buddy-pane" aria-labelledby="buddy-pane-heading" data-testid="buddy-pane">
      <h2 id="buddy-pane-heading" className="visually-hidden">
        Buddy list
      </h2>
      <AccountStatusList />
      {hasAccounts && (
        <>
          <SubscriptionRequests />
          <BuddySearch />
          <BuddyTree />
          <div className="button-row buddy-actions">
            <button type="button" onClick={() => openDialog('addBuddy')}>
              Add buddy…
            </button>
            <button type="button" onClick={() => openDialog('joinGroup')}>
              Join a chat…
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
