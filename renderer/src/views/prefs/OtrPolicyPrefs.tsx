/** OTR policy for each account, and for one buddy at a time (which then overrides the account's). */
import { useEffect, useState } from 'react';
import { getPolicy, setPolicy, type PolicyLevel } from '../../actions/settings';
import { errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { useBuddyStore } from '../../store/buddy-store';
import { useConversationStore } from '../../store/conversation-store';
import { ErrorText } from '../common/ErrorText';
import { PolicyChoice, POLICIES } from './PolicyChoice';

function usePolicy(accountId: string | undefined, peer?: string) {
  const [state, setState] = useState<{ policy: PolicyLevel; inherited: boolean }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setState(undefined);
    if (!accountId) return;
    getPolicy(accountId, peer)
      .then(setState)
      .catch((err: unknown) => setError(errorText(err)));
  }, [accountId, peer]);
  const change = (policy: PolicyLevel) => {
    if (!accountId) return;
    setError(undefined);
    setPolicy(accountId, policy, peer)
      .then(() => setState({ policy, inherited: false }))
      .catch((err: unknown) => setError(errorText(err)));
  };
  return { state, error, change };
}

function AccountPolicy({ accountId, name }: { accountId: string; name: string }) {
  const { state, error, change } = usePolicy(accountId);
  return (
    <div data-testid="account-policy">
      <PolicyChoice legend={`Private conversations on ${name}`} value={state?.policy} onChange={change} />
      <ErrorText text={error} />
    </div>
  );
}

function BuddyPolicy() {
  const buddies = useBuddyStore((s) => s.buddies);
  const conversations = useConversationStore((s) => s.conversations);
  const peers = [...new Set([...Object.keys(buddies), ...Object.values(conversations).filter((c) => c.kind === 'direct').map((c) => c.key)])].sort();
  const [key, setKey] = useState(peers[0] ?? '');
  const [accountId, peer] = key ? (key.split('\n') as [string, string]) : [undefined, undefined];
  const { state, error, change } = usePolicy(accountId, peer);
  if (peers.length === 0) return <p className="muted">Buddies you add or talk to can get their own setting here.</p>;
  const inheritedName = POLICIES.find((p) => p.value === state?.policy)?.title;
  return (
    <div className="buddy-policy">
      <label className="field">
        <span>Buddy</span>
        <select value={key} onChange={(e) => setKey(e.target.value)}>
          {peers.map((k) => (
            <option key={k} value={k}>
              {k.split('\n')[1]} ({k.split('\n')[0]?.replace(/^[a-z]+:/, '')})
            </option>
          ))}
        </select>
      </label>
      {state?.inherited && <p className="hint">Now the same as the account: {inheritedName}. Choosing here overrides it for this buddy only.</p>}
      <PolicyChoice legend={`Private conversations with ${peer ?? ''}`} value={state?.policy} onChange={change} />
      <ErrorText text={error} />
    </div>
  );
}

export function OtrPolicyPrefs() {
  const accounts = useAppStore((s) => s.accounts);
  return (
    <section aria-labelledby="prefs-otr">
      <h3 id="prefs-otr">Private conversations (OTR)</h3>
      {accounts.length === 0 && <p className="muted">Add an account to choose how its conversations become private.</p>}
      {accounts.map((a) => (
        <AccountPolicy key={a.accountId} accountId={a.accountId} name={a.name} />
      ))}
      <h4>For one buddy</h4>
      <BuddyPolicy />
    </section>
  );
}
