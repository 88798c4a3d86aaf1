/** Join a group chat (an XMPP room) or an IRC channel. */
import { useState } from 'react';
import { joinGroup } from '../../actions/conversations';
import { errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';
import { AccountSelect } from './AccountSelect';
import { FormButtons } from '../common/FormButtons';

export function JoinGroupDialog() {
  const accounts = useAppStore((s) => s.accounts);
  const [accountId, setAccountId] = useState(
    accounts.find((a) => a.state === 'online')?.accountId ?? accounts[0]?.accountId ?? '',
  );
  const [room, setRoom] = useState('');
  const [nick, setNick] = useState('');
  const [error, setError] = useState<string>();
  const protocol = accounts.find((a) => a.accountId === accountId)?.protocol ?? 'xmpp';
  const close = () => closeDialog('joinGroup');

  return (
    <Dialog
      title="Join a group chat"
      onClose={close}
      testId="join-group"
      description={<p>Group chats are not private: OTR protects one-to-one conversations only.</p>}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const name = room.trim();
          if (!name)
            return setError(
              protocol === 'xmpp'
                ? 'Enter the room address, like room@conference.example.org.'
                : 'Enter the channel, like #sotto.',
            );
          const target = protocol === 'irc' && !/^[#&]/.test(name) ? `#${name}` : name;
          joinGroup(accountId, target, nick.trim() || undefined)
            .then(close)
            .catch((err: unknown) => setError(errorText(err)));
        }}
      >
        <AccountSelect value={accountId} onChange={setAccountId} />
        <label className="field">
          <span>{protocol === 'xmpp' ? 'Room address' : 'Channel'}</span>
          <input
            type="text"
            value={room}
            onChange={(e) => setRoom(e.target.value)}
            placeholder={protocol === 'xmpp' ? 'room@conference.example.org' : '#sotto'}
            required
            data-autofocus
          />
        </label>
        {protocol === 'xmpp' && (
          <label className="field">
            <span>Nickname in the room (optional)</span>
            <input type="text" value={nick} onChange={(e) => setNick(e.target.value)} />
          </label>
        )}
        <ErrorText text={error} />
        <FormButtons onCancel={close} submit="Join" disabled={!accountId} />
      </form>
    </Dialog>
  );
}
