/** OTR policy for each account, and for one buddy at a time (which then overrides the account's). */
import { useEffect, useId, useState } from 'react';
import { getPolicy, setPolicy, type PolicyLevel } from '../../actions/settings';
import { convKey, splitKey } from '../../lib/conversation-keys';
import { errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { useBuddyStore } from '../../store/buddy-store';
import { useConversationStore } from '../../store/conversation-store';
import { ErrorText } from '../common/ErrorText';
import { BuddyLogging } from './BuddyLogging';
import { PolicyChoice, POLICIES } from './PolicyChoice';

/** `version` changes when another policy changed (a buddy's inherited policy follows its account's). */
function usePolicy(accountId: string | undefined, peer: string | undefined, version: number, onChanged?: () => void) {
  const [state, setState] = useState<{ policy: PolicyLevel; inherited: boolean }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setState(undefined);
    if (!accountId) return;
    getPolicy(accountId, peer)
      .then(setState)
      .catch((err: unknown) => setError(errorText(err)));
  }, [accountId, peer, version]);
  const change = (policy: PolicyLevel) => {
    if (!accountId) return;
    const before = state;
    setError(undefined);
    setState({ policy, inherited: false });
    setPolicy(accountId, policy, peer).then(onChanged, (err: unknown) => {
      setState(before);
      setError(errorText(err));
    });
  };
  /** The buddy follows the account's policy again. */
  const inherit = () => {
    if (!accountId || !peer) return;
    setError(undefined);
    setPolicy(accountId, 'inherit', peer)
      .then(() => getPolicy(accountId, peer))
      .then(setState, (err: unknown) => setError(errorText(err)));
  };
  return { state, error, change, inherit };
}

function AccountPolicy({ accountId, name, onChanged }: { accountId: string; name: string; onChanged: () => void }) {
  const { state, error, change } = usePolicy(accountId, undefined, 0, onChanged);
  return (
    <div data-testid="account-policy">
      <PolicyChoice legend={`Private conversations on ${name}`} value={state?.policy} onChange={change} />
      <ErrorText text={error} />
    </div>
  );
}

function BuddyPolicy({ version }: { version: number }) {
  const buddies = useBuddyStore((s) => s.buddies);
  const conversations = useConversationStore((s) => s.conversations);
  const accounts = useAppStore((s) => s.accounts);
  const own = new Set(accounts.map((a) => convKey(a.accountId, a.name)));
  const peers = [
    ...new Set([
      ...Object.keys(buddies),
      ...Object.values(conversations)
        .filter((c) => c.kind === 'direct')
        .map((c) => c.key),
    ]),
  ]
    .filter((k) => !own.has(k))
    .sort();
  const [key, setKey] = useState(peers[0] ?? '');
  const { accountId, peer } = key ? splitKey(key) : { accountId: undefined, peer: undefined };
  const { state, error, change, inherit } = usePolicy(accountId, peer, version);
  const selectId = useId();
  if (peers.length === 0) return <p className="muted">Buddies you add or talk to can get their own setting here.</p>;
  const inheritedName = POLICIES.find((p) => p.value === state?.policy)?.title;
  return (
    <div className="buddy-policy">
      <div className="field">
        <label htmlFor={selectId}>Buddy</label>
        <select id={selectId} value={key} onChange={(e) => setKey(e.target.value)}>
          {peers.map((k) => (
            <option key={k} value={k}>
              {k.split('\n')[1]} ({k.split('\n')[0]?.replace(/^[a-z]+:/, '')})
            </option>
          ))}
        </select>
      </div>
      {state?.inherited && (
        <p className="hint">
          Now the same as the account: {inheritedName}. Choosing here overrides it for this buddy only.
        </p>
      )}
      <PolicyChoice legend={`Private conversations with ${peer ?? ''}`} value={state?.policy} onChange={change} />
      {state && !state.inherited && (
        <button type="button" onClick={inherit}>
          Use the account’s setting for {peer}
        </button>
      )}
      <ErrorText text={error} />
      {accountId && peer && <BuddyLogging accountId={accountId} peer={peer} />}
    </div>
  );
}

export function OtrPolicyPrefs() {
  const accounts = useAppStore((s) => s.accounts);
  const [version, setVersion] = useState(0);
  return (
    <section aria-labelledby="prefs-otr">
      <h3 id="prefs-otr">Private conversations (OTR)</h3>
      {accounts.length === 0 && <p className="muted">Add an account to choose how its conversations become private.</p>}
      {accounts.map((a) => (
        <AccountPolicy
          key={a.accountId}
          accountId={a.accountId}
          name={a.name}
          onChanged={() => setVersion((v) => v + 1)}
        />
      ))}
      <h4>For one buddy</h4>
      <BuddyPolicy version={version} />
    </section>
  );
}
