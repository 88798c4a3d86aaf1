/** Every account with its status selector, at the top of the buddy list (Gajim/Pidgin style). */
import { useAppStore } from '../../store/app-store';
import { openDialog } from '../../store/ui-store';
import { AccountStatusRow } from './AccountStatusRow';

export function AccountStatusList() {
  const accounts = useAppStore((s) => s.accounts);
  if (accounts.length === 0) {
    return (
      <div className="no-accounts">
        <p data-testid="no-accounts">No accounts yet.</p>
        <button type="button" className="primary" onClick={() => openDialog('accounts')}>
          Add an account
        </button>
      </div>
    );
  }
  return (
    <ul className="account-list" aria-label="Accounts">
      {accounts.map((a) => (
        <AccountStatusRow key={a.accountId} account={a} />
      ))}
    </ul>
  );
}
