/**
 * When the buddy has ended the private conversation (Finished), nothing typed
 * is sent until the user ends it too or starts a new one: said above the input,
 * with both choices at hand.
 */
import { attempt } from '../../actions/attempt';
import { endOtr, startOtr } from '../../actions/otr';
import type { ConvKey } from '../../lib/conversation-keys';
import { useOtrStore } from '../../store/otr-store';
import { Icon } from '../common/Icon';

export function FinishedNotice({ convKey, peerName }: { convKey: ConvKey; peerName: string }) {
  const finished = useOtrStore((s) => s.status[convKey]?.state === 'finished');
  if (!finished) return null;
  return (
    <div className="finished-notice" data-testid="finished-notice">
      <Icon name="lock-x" />
      <p>
        {peerName} has ended the private conversation. What you write now will not be sent until you end it too (and
        write unencrypted) or start a new private conversation.
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() => void attempt('Could not end the private conversation', () => endOtr(convKey))}
        >
          End private conversation
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void attempt('Could not start the private conversation', () => startOtr(convKey))}
        >
          Start a new one
        </button>
      </div>
    </div>
  );
}
