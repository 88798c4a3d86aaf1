/** One account in the buddy list: who, which network, its state in words and its status selector. */
import type { AccountSummary } from '../../../../app/api/shapes';
import { connectErrorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { PresenceIcon } from './PresenceIcon';
import { StatusSelector, shownAvailability } from './StatusSelector';

export const STATE_TEXT: Record<AccountSummary['state'], string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  error: 'Could not connect',
};

export function AccountStatusRow({ account }: { account: AccountSummary }) {
  const chosen = useAppStore((s) => s.presence[account.accountId]?.availability);
  return (
    <li className={`account-row account-${account.state}`} data-testid="account-row" data-account={account.accountId}>
      <div className="account-title">
        <PresenceIcon availability={shownAvailability(account, chosen)} />
        <span className="account-name">{account.name}</span>
        <span className="protocol-badge">{account.protocol === 'xmpp' ? 'XMPP' : 'IRC'}</span>
      </div>
      <p className="account-state" data-testid="account-state" aria-live="polite">
        {STATE_TEXT[account.state]}
        {account.state === 'reconnecting' && account.error ? `: ${account.error}` : ''}
      </p>
      {account.state === 'error' && account.error && (
        <p className="account-error" role="alert" data-testid="account-error">
          {connectErrorText(account.error, account.name)}
        </p>
      )}
      <StatusSelector account={account} />
    </li>
  );
}
