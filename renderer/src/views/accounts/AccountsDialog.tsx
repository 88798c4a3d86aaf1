/** Accounts: the list with connect, edit and remove, and the form to add one. */
import { useState } from 'react';
import type { AccountSummary } from '../../../../app/api/shapes';
import { attempt } from '../../actions/attempt';
import { connectAccount, disconnectAccount, removeAccount } from '../../actions/accounts';
import { connectErrorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { askConfirm, closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { STATE_TEXT } from '../buddies/AccountStatusRow';
import { AccountForm } from './AccountForm';

type Mode = { at: 'list' } | { at: 'add' } | { at: 'edit'; accountId: string };

export function AccountsDialog() {
  const accounts = useAppStore((s) => s.accounts);
  const [mode, setMode] = useState<Mode>(accounts.length === 0 ? { at: 'add' } : { at: 'list' });
  const close = () => closeDialog('accounts');
  const editing = mode.at === 'edit' ? accounts.find((a) => a.accountId === mode.accountId) : undefined;
  const title = mode.at === 'add' ? 'Add an account' : editing ? `Edit ${editing.name}` : 'Accounts';

  return (
    <Dialog title={title} onClose={close} className="wide" testId="accounts-dialog">
      {mode.at === 'list' ? (
        <>
          <ul className="manage-accounts" aria-label="Your accounts">
            {accounts.map((a) => (
              <ManageRow key={a.accountId} account={a} onEdit={() => setMode({ at: 'edit', accountId: a.accountId })} />
            ))}
          </ul>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => setMode({ at: 'add' })}>
              Add an account…
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        </>
      ) : (
        <AccountForm
          key={mode.at === 'edit' ? mode.accountId : 'add'}
          account={editing}
          onDone={(added) => (added ? close() : accounts.length === 0 ? close() : setMode({ at: 'list' }))}
        />
      )}
    </Dialog>
  );
}

function ManageRow({ account, onEdit }: { account: AccountSummary; onEdit: () => void }) {
  const online = account.state === 'online' || account.state === 'connecting' || account.state === 'reconnecting';
  // The core says offline only once the connection has closed: until then a second
  // press would be another Disconnect, not the Connect the button will soon offer.
  const [stopping, setStopping] = useState(false);
  const disconnect = () => {
    setStopping(true);
    void attempt(`Could not disconnect ${account.name}`, () => disconnectAccount(account.accountId)).finally(() =>
      setStopping(false),
    );
  };
  const remove = () =>
    askConfirm({
      title: `Remove ${account.name}?`,
      body: `Sotto forgets this account and its password. Your OTR key for it stays in the key store until you delete the profile.`,
      confirmLabel: 'Remove account',
      onConfirm: () => void attempt(`Could not remove ${account.name}`, () => removeAccount(account.accountId)),
    });
  return (
    <li className="manage-account" data-testid="manage-account">
      <div>
        <strong>{account.name}</strong>{' '}
        <span className="protocol-badge">{account.protocol === 'xmpp' ? 'XMPP' : 'IRC'}</span>
        <p className={account.state === 'error' ? 'error' : 'muted'}>
          {account.state === 'error' && account.error
            ? connectErrorText(account.error, account.name)
            : STATE_TEXT[account.state]}
        </p>
      </div>
      <div className="button-row">
        {stopping ? (
          <button type="button" disabled>
            Disconnecting…
          </button>
        ) : online ? (
          <button type="button" onClick={disconnect}>
            Disconnect
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void attempt(`Could not connect ${account.name}`, () => connectAccount(account.accountId))}
          >
            Connect
          </button>
        )}
        <button type="button" onClick={onEdit} aria-label={`Edit ${account.name}`}>
          Edit
        </button>
        <button type="button" className="danger-text" onClick={remove} aria-label={`Remove ${account.name}`}>
          Remove
        </button>
      </div>
    </li>
  );
}
