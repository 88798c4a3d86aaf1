/**
 * The warning nobody can miss: the buddy's OTR key is not the one we knew.
 * It stays above the conversation until the buddy is authenticated.
 */
import type { ConvKey } from '../../lib/conversation-keys';
import { useOtrStore } from '../../store/otr-store';
import { setUi } from '../../store/ui-store';
import { Icon } from '../common/Icon';

export function KeyChangedWarning({ convKey, peerName }: { convKey: ConvKey; peerName: string }) {
  const changed = useOtrStore((s) => s.status[convKey]?.keyChanged === true && s.status[convKey]?.state === 'encrypted');
  if (!changed) return null;
  return (
    <div className="key-changed" role="alert" data-testid="key-changed">
      <Icon name="error" className="key-changed-icon" />
      <div>
        <p className="key-changed-title">{peerName}’s key has changed</p>
        <p>
          This conversation is encrypted, but with a key {peerName} has not used with you before. It may be a new device, or someone pretending to be {peerName}. Do not say anything
          private until you have authenticated {peerName}.
        </p>
      </div>
      <button type="button" className="danger" onClick={() => setUi({ wizard: convKey })}>
        Authenticate {peerName}
      </button>
    </div>
  );
}
