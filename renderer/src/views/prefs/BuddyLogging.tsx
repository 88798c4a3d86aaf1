/** Whether private (OTR) lines with one buddy are logged: off unless the user opts in, buddy by buddy. */
import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { errorText } from '../../lib/errors';
import { ErrorText } from '../common/ErrorText';

export function BuddyLogging({ accountId, peer }: { accountId: string; peer: string }) {
  const [logPrivate, setLogPrivate] = useState<boolean>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setLogPrivate(undefined);
    setError(undefined);
    api()
      .call('conversation.getLogging', { accountId, peer })
      .then((l) => setLogPrivate(l.logPrivate))
      .catch((err: unknown) => setError(errorText(err)));
  }, [accountId, peer]);
  const change = (on: boolean) => {
    setLogPrivate(on);
    api()
      .call('conversation.setLogging', { accountId, peer, logPrivate: on })
      .catch((err: unknown) => {
        setLogPrivate(!on);
        setError(errorText(err));
      });
  };
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={logPrivate ?? false}
          disabled={logPrivate === undefined}
          onChange={(e) => change(e.target.checked)}
        />
        Also log private (OTR) conversations with {peer}
      </label>
      <p className="hint">Off by default: a log on disk keeps what OTR was meant to let you deny.</p>
      <ErrorText text={error} />
    </>
  );
}
