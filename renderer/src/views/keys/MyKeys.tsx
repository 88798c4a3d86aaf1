/**
 * My OTR keys per account: the fingerprint (and the OTRv4 one beside it, once the
 * account has v4 keys), or Generate (with progress; the work runs in the core, the
 * window stays responsive).
 */
import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../../app/api/shapes';
import { generateKey } from '../../actions/keys';
import { refreshMyFingerprints } from '../../actions/otr';
import { errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { useOtrStore } from '../../store/otr-store';
import { ErrorText } from '../common/ErrorText';
import { Fingerprint } from '../common/Fingerprint';

function KeyRow({ account }: { account: AccountSummary }) {
  const keygen = useOtrStore((s) => s.keygen[account.accountId]);
  const [error, setError] = useState<string>();
  const generating = keygen?.phase === 'started';
  const v4 = useOtrStore((s) => s.mine[account.accountId]?.v4?.fingerprint);
  useEffect(() => {
    // Only otr.fingerprint.mine knows the v4 key; without it the v3 key is shown alone, as before v4.
    if (account.fingerprint) refreshMyFingerprints(account.accountId).catch(() => undefined);
  }, [account.accountId, account.fingerprint]);
  return (
    <li className="key-row" data-testid="my-key">
      <p>
        <strong>{account.name}</strong>{' '}
        <span className="protocol-badge">{account.protocol === 'xmpp' ? 'XMPP' : 'IRC'}</span>
      </p>
      {account.fingerprint && v4 ? (
        <dl className="fingerprints">
          <dt>OTR v4</dt>
          <dd>
            <Fingerprint hex={v4} testId="fingerprint-v4" />
          </dd>
          <dt>OTR v3</dt>
          <dd>
            <Fingerprint hex={account.fingerprint} />
          </dd>
        </dl>
      ) : account.fingerprint ? (
        <Fingerprint hex={account.fingerprint} />
      ) : generating ? (
        <div className="keygen" role="status">
          <p>Making a new key… this can take a minute. You can keep chatting meanwhile.</p>
          <progress aria-label={`Making a key for ${account.name}`} />
        </div>
      ) : (
        <>
          <p className="muted">No key yet. One is made when the account first connects, or now:</p>
          <button
            type="button"
            onClick={() => generateKey(account.accountId).catch((err: unknown) => setError(errorText(err)))}
          >
            Generate a key
          </button>
        </>
      )}
      <ErrorText
        text={
          error ??
          (keygen?.phase === 'failed' ? `The key could not be made: ${keygen.message ?? 'unknown error'}` : undefined)
        }
      />
    </li>
  );
}

export function MyKeys() {
  const accounts = useAppStore((s) => s.accounts);
  return (
    <section aria-labelledby="keys-mine">
      <h3 id="keys-mine">My keys</h3>
      <p className="hint">
        Give your fingerprint to buddies who want to verify you (read it to them by phone or in person).
      </p>
      {accounts.length === 0 ? (
        <p className="muted">No accounts yet.</p>
      ) : (
        <ul className="key-list">
          {accounts.map((a) => (
            <KeyRow key={a.accountId} account={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
