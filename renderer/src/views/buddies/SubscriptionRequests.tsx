/** People asking to see our presence, each with Accept and Deny. */
import { attempt } from '../../actions/attempt';
import { answerRequest } from '../../actions/buddies';
import { useBuddyStore } from '../../store/buddy-store';

export function SubscriptionRequests() {
  const requests = useBuddyStore((s) => s.requests);
  if (requests.length === 0) return null;
  return (
    <section className="requests" aria-labelledby="requests-heading">
      <h3 id="requests-heading">Buddy requests</h3>
      <ul>
        {requests.map(({ accountId, peer }) => (
          <li key={`${accountId}\n${peer}`} className="request" data-testid="subscription-request">
            <p>
              <strong>{peer}</strong> wants to add you as a buddy and see when you are online.
            </p>
            <div className="button-row">
              <button
                type="button"
                className="primary"
                onClick={() => void attempt(`Could not accept ${peer}`, () => answerRequest(accountId, peer, true))}
              >
                Accept
              </button>
              <button
                type="button"
                onClick={() => void attempt(`Could not deny ${peer}`, () => answerRequest(accountId, peer, false))}
              >
                Deny
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
