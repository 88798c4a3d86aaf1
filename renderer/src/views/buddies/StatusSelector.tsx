/** One account's status: Available, Away, Busy, Invisible or Offline, and a status message. */
import { useState } from 'react';
import type { AccountSummary } from '../../../../app/api/shapes';
import { choosePresence } from '../../actions/accounts';
import { attempt } from '../../actions/attempt';
import { useAppStore, type Availability } from '../../store/app-store';
import { AVAILABILITY_LABEL, SELECTABLE } from './presence';

export function shownAvailability(account: AccountSummary, chosen: Availability | undefined): Availability {
  if (account.state === 'offline' || account.state === 'error') return 'offline';
  return chosen && chosen !== 'offline' ? chosen : 'available';
}

export function StatusSelector({ account }: { account: AccountSummary }) {
  const chosen = useAppStore((s) => s.presence[account.accountId]);
  const availability = shownAvailability(account, chosen?.availability);
  const [message, setMessage] = useState(chosen?.status ?? '');

  const apply = (next: Availability, status: string) =>
    void attempt(`Could not change the status of ${account.name}`, () =>
      choosePresence(account.accountId, next, status.trim() || undefined),
    );

  return (
    <div className="status-selector">
      <select
        aria-label={`Status of ${account.name}`}
        value={availability}
        onChange={(e) => apply(e.target.value as Availability, message)}
        data-testid="status-select"
      >
        {SELECTABLE.map((a) => (
          <option key={a} value={a}>
            {AVAILABILITY_LABEL[a]}
          </option>
        ))}
      </select>
      <input
        type="text"
        className="status-message"
        aria-label={`Status message of ${account.name}`}
        placeholder="Status message"
        value={message}
        maxLength={500}
        onChange={(e) => setMessage(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(availability === 'offline' ? 'available' : availability, message);
        }}
      />
    </div>
  );
}
