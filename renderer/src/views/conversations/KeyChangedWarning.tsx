/**
 * The warning nobody can miss: the buddy's OTR key is not the one we knew, or a
 * login of the buddy with a key the user has not verified is private beside the
 * verified one our messages still go to. It stays above the conversation until
 * the buddy is authenticated, or the user chooses where messages go.
 */
import type { ConvKey } from '../../lib/conversation-keys';
import { useOtrStore } from '../../store/otr-store';
import { setUi } from '../../store/ui-store';
import { Icon } from '../common/Icon';

export function KeyChangedWarning({ convKey, peerName }: { convKey: ConvKey; peerName: string }) {
  const status = useOtrStore((s) => s.status[convKey]);
  if (status?.state !== 'encrypted') return null;
  const changed = status.keyChanged;
  // Messages stay with the verified key (Sotto never moves away from it by itself), so say who else is there.
  const beside = status.verified && status.instances.some((i) => i.state === 'encrypted' && !i.verified);
  if (!changed && !beside) return null;
  return (
    <div className="key-changed" role="alert" data-testid="key-changed">
      <Icon name="error" className="key-changed-icon" />
      <div>
        <p className="key-changed-title">
          {changed ? `${peerName}’s key has changed` : `${peerName} is also signed in with a key you have not verified`}
        </p>
        {changed ? (
          <p>
            This conversation is encrypted, but with a key {peerName} has not used with you before. It may be a new
            device, or someone pretending to be {peerName}. Do not say anything private until you have authenticated{' '}
            {peerName}.
          </p>
        ) : (
          <p>
            Your messages still go only to the key you verified. The other login may be {peerName} on a new device, or
            someone pretending to be {peerName}: what it writes is marked unverified. To write to it, choose it, then
            authenticate it.
          </p>
        )}
      </div>
      {changed ? (
        <button type="button" className="danger" onClick={() => setUi({ wizard: convKey })}>
          Authenticate {peerName}
        </button>
      ) : (
        <button type="button" className="danger" onClick={() => setUi({ instancePicker: convKey })}>
          Pick instance…
        </button>
      )}
    </div>
  );
}
