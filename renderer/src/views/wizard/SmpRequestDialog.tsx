/**
 * The buddy wants to authenticate us: their question (or word that they use a
 * shared secret), the answer box (case-sensitive, said so), then progress and
 * the result with the next step.
 */
import { useId, useState } from 'react';
import { fire } from '../../actions/attempt';
import { abortSmp, respondSmp } from '../../actions/otr';
import { errorText } from '../../lib/errors';
import { splitKey, type ConvKey } from '../../lib/conversation-keys';
import { displayName } from '../../store/buddy-store';
import { setSmp, useOtrStore } from '../../store/otr-store';
import { setUi } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';
import { outcomeText } from './outcome';
import { SmpProgress } from './SmpProgress';
import { SmpResult } from './SmpResult';
import { FormButtons } from '../common/FormButtons';

export function SmpRequestDialog({ convKey }: { convKey: ConvKey }) {
  const { accountId, peer } = splitKey(convKey);
  const name = displayName(accountId, peer);
  const run = useOtrStore((s) => s.smp[convKey]);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string>();
  const hint = useId();

  const close = () => {
    if (run && !run.outcome) fire(abortSmp(convKey));
    else setSmp(convKey, undefined);
    setUi({ smpRequest: undefined });
  };

  if (!run || run.by !== 'them') return null;

  let body;
  if (run.outcome) {
    const verifyBack = run.outcome === 'succeeded' && run.verifiedAfter === false;
    body = (
      <SmpResult
        text={outcomeText(run.outcome, 'them', name, run.verifiedAfter)}
        onClose={close}
        againLabel={`Authenticate ${name}`}
        onAgain={
          verifyBack
            ? () => {
                setSmp(convKey, undefined);
                setUi({ smpRequest: undefined, wizard: convKey });
              }
            : undefined
        }
      />
    );
  } else if (!run.awaitingAnswer) {
    body = <SmpProgress progress={run.progress} peer={name} by="them" onCancel={close} />;
  } else {
    body = (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!answer) return;
          setError(undefined);
          respondSmp(convKey, answer).catch((err: unknown) => setError(errorText(err)));
        }}
      >
        {run.question ? (
          <>
            <p>{name} asks:</p>
            <blockquote className="smp-question" data-testid="smp-question">
              {run.question}
            </blockquote>
          </>
        ) : (
          <p data-testid="smp-question">{name} wants to check that you know the secret you share. Type it below.</p>
        )}
        <label className="field">
          <span>{run.question ? 'Your answer' : 'The shared secret'}</span>
          <input
            type="text"
            value={answer}
            autoComplete="off"
            spellCheck={false}
            maxLength={10000}
            onChange={(e) => setAnswer(e.target.value)}
            aria-describedby={hint}
            data-autofocus
            autoFocus
          />
        </label>
        <p id={hint} className="hint">
          Case-sensitive: type it exactly as {name} expects it, capitals and spaces included. Your answer is never sent;
          Sotto only checks that it matches.
        </p>
        <ErrorText text={error} />
        <FormButtons onCancel={close} cancel="Not now" submit="Answer" disabled={!answer} />
      </form>
    );
  }

  return (
    <Dialog
      title={`${name} wants to authenticate you`}
      onClose={close}
      className="wizard"
      testId="smp-request"
      description={<p>This makes sure that you are talking to each other and nobody in between.</p>}
    >
      {body}
    </Dialog>
  );
}
