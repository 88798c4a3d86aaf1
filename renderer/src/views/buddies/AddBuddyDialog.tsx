/** Add a buddy: which account, their address (or nick on IRC), a name and a group. */
import { useState } from 'react';
import { addBuddy } from '../../actions/buddies';
import { errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';
import { AccountSelect } from './AccountSelect';
import { FormButtons } from '../common/FormButtons';

export function AddBuddyDialog() {
  const accounts = useAppStore((s) => s.accounts);
  const [accountId, setAccountId] = useState(
    accounts.find((a) => a.state === 'online')?.accountId ?? accounts[0]?.accountId ?? '',
  );
  const [peer, setPeer] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string>();
  const protocol = accounts.find((a) => a.accountId === accountId)?.protocol ?? 'xmpp';
  const close = () => closeDialog('addBuddy');

  return (
    <Dialog title="Add a buddy" onClose={close} testId="add-buddy">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!peer.trim())
            return setError(
              protocol === 'xmpp' ? 'Enter their address, like bob@example.org.' : 'Enter their nickname.',
            );
          addBuddy(accountId, peer.trim(), name.trim() || undefined, group.trim() || undefined)
            // The row itself says "Waiting for them to accept" until they answer.
            .then(close)
            .catch((err: unknown) => setError(errorText(err)));
        }}
      >
        <AccountSelect value={accountId} onChange={setAccountId} />
        <label className="field">
          <span>{protocol === 'xmpp' ? 'Their address (JID)' : 'Their nickname'}</span>
          <input
            type="text"
            value={peer}
            onChange={(e) => setPeer(e.target.value)}
            placeholder={protocol === 'xmpp' ? 'bob@example.org' : 'bob'}
            required
            data-autofocus
          />
        </label>
        <label className="field">
          <span>Name to show (optional)</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Group (optional)</span>
          <input type="text" value={group} onChange={(e) => setGroup(e.target.value)} placeholder="Friends" />
        </label>
        <ErrorText text={error} />
        <FormButtons onCancel={close} submit="Add buddy" disabled={!accountId} />
      </form>
    </Dialog>
  );
}
