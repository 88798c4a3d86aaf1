/**
 * Authenticate buddy: a guided dialog. Step 1 chooses how (question and
 * answer, shared secret, fingerprints), step 2 asks for it, step 3 shows the
 * progress of the authentication and then, plainly, what the result means.
 */
import { useState } from 'react';
import { attempt, fire } from '../../actions/attempt';
import { abortSmp, startOtr, startSmp, verifyFingerprint } from '../../actions/otr';
import { errorText } from '../../lib/errors';
import { splitKey, type ConvKey } from '../../lib/conversation-keys';
import { accountById } from '../../store/app-store';
import { displayName } from '../../store/buddy-store';
import { setSmp, useOtrStore } from '../../store/otr-store';
import { setUi } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ChooseMethod, type Method } from './ChooseMethod';
import { FingerprintCheck } from './FingerprintCheck';
import { outcomeText } from './outcome';
import { SecretForm } from './SecretForm';
import { SmpProgress } from './SmpProgress';
import { SmpResult } from './SmpResult';
import { WizardSteps } from './WizardSteps';

type Step = { at: 'choose' } | { at: 'enter'; method: Method } | { at: 'saved'; verified: boolean };

export function AuthWizard({ convKey }: { convKey: ConvKey }) {
  const { accountId, peer } = splitKey(convKey);
  const name = displayName(accountId, peer);
  const status = useOtrStore((s) => s.status[convKey]);
  const run = useOtrStore((s) => (s.smp[convKey]?.by === 'us' ? s.smp[convKey] : undefined));
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [method, setMethod] = useState<Method>('question');
  const [error, setError] = useState<string>();
  const encrypted = status?.state === 'encrypted';
  const account = accountById(accountId);

  const close = () => {
    if (run && !run.outcome) fire(abortSmp(convKey));
    else if (run) setSmp(convKey, undefined);
    setUi({ wizard: undefined });
  };
  const again = () => {
    setSmp(convKey, undefined);
    setStep({ at: 'choose' });
  };
  const start = (secret: string, question?: string) => {
    setError(undefined);
    startSmp(convKey, secret, question).catch((err: unknown) => setError(errorText(err)));
  };
  const save = (verified: boolean) => {
    if (!status?.fingerprint) return;
    setError(undefined);
    verifyFingerprint(accountId, peer, status.fingerprint, verified)
      .then(() => setStep({ at: 'saved', verified }))
      .catch((err: unknown) => setError(errorText(err)));
  };

  let body;
  let stepNo: 1 | 2 | 3 = 1;
  if (run) {
    stepNo = 3;
    body = run.outcome ? (
      <SmpResult
        text={outcomeText(run.outcome, 'us', name, run.verifiedAfter)}
        onAgain={run.outcome === 'succeeded' ? undefined : again}
        onClose={close}
      />
    ) : (
      <SmpProgress
        progress={run.progress}
        peer={name}
        by="us"
        onCancel={() => fire(abortSmp(convKey).then(() => setStep({ at: 'choose' })))}
      />
    );
  } else if (step.at === 'saved') {
    stepNo = 3;
    body = (
      <SmpResult
        text={
          step.verified
            ? {
                tone: 'success',
                title: `${name} is verified`,
                body: `You confirmed ${name}’s fingerprint. This conversation now shows as Private, and Sotto will recognise this key next time.`,
              }
            : {
                tone: 'neutral',
                title: `${name} is not verified`,
                body: `The conversation stays Unverified. Authenticate ${name} when you can compare fingerprints or share a secret.`,
              }
        }
        onClose={close}
      />
    );
  } else if (step.at === 'enter') {
    stepNo = 2;
    body =
      step.method === 'fingerprint' && status?.fingerprint ? (
        <FingerprintCheck
          peer={name}
          myName={account?.name ?? accountId}
          mine={account?.fingerprint}
          theirs={status.fingerprint}
          verified={status.verified}
          error={error}
          onBack={() => setStep({ at: 'choose' })}
          onSave={save}
        />
      ) : (
        <SecretForm
          peer={name}
          withQuestion={step.method === 'question'}
          error={error}
          onBack={() => setStep({ at: 'choose' })}
          onStart={start}
        />
      );
  } else {
    body = (
      <>
        {!encrypted && (
          <div className="notice" role="note">
            <p>Authentication needs a private conversation with {name} first.</p>
            <button
              type="button"
              className="primary"
              onClick={() => void attempt('Could not start the private conversation', () => startOtr(convKey))}
            >
              Start private conversation
            </button>
          </div>
        )}
        <ChooseMethod
          peer={name}
          initial={method}
          canSmp={encrypted}
          canCompare={Boolean(status?.fingerprint)}
          onCancel={close}
          onNext={(m) => {
            setMethod(m);
            setError(undefined);
            setStep({ at: 'enter', method: m });
          }}
        />
      </>
    );
  }

  return (
    <Dialog title={`Authenticate ${name}`} onClose={close} className="wizard" testId="auth-wizard">
      <WizardSteps current={stepNo} />
      {body}
    </Dialog>
  );
}
