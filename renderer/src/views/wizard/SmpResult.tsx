/** Success or failure, what it means, and the next step. */
import { Icon } from '../common/Icon';
import type { OutcomeText } from './outcome';

export function SmpResult({
  text,
  onAgain,
  onClose,
  againLabel,
}: {
  text: OutcomeText;
  onAgain?: (() => void) | undefined;
  onClose: () => void;
  againLabel?: string;
}) {
  return (
    <div className={`smp-result tone-${text.tone}`} role="status" data-testid="smp-result" data-tone={text.tone}>
      <p className="smp-result-title">
        <Icon name={text.tone === 'success' ? 'lock-check' : text.tone === 'failure' ? 'error' : 'info'} />
        {text.title}
      </p>
      <p>{text.body}</p>
      <div className="button-row">
        {onAgain && (
          <button type="button" onClick={onAgain}>
            {againLabel ?? 'Try again'}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose} autoFocus data-autofocus>
          Close
        </button>
      </div>
    </div>
  );
}
