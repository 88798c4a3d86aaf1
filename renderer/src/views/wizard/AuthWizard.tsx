/**
 * Authenticate buddy: a guided dialog. Step 1 chooses how (question and
 * answer, shared secret, fingerprints), step 2 asks for it, step 3 shows the
 * progress of the authentication and then, plainly, what the result means.
 */
import { useEffect, useState } from 'react';
import { attempt, fire } from '../../actions/attempt';
import { abortSmp, refreshMyFingerprints, startOtr, startSmp, verifyFingerprint } from '../../actions/otr';
import { errorText } from '../../lib/errors';
import { fingerprintVersion } from '../../lib/format';
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
import { TransitionalNote } from './TransitionalNote';
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
  // An older core may leave the version out; a 112-digit key is v4 all the same.
  const version =
    status?.version ?? (status?.fingerprint && fingerprintVersion(status.fingerprint) === 4 ? 4 : undefined);
  // Our key of the conversation's version: a v4 buddy compares against our v4 key, never the v3 one.
  const myV4 = useOtrStore((s) => s.mine[accountId]?.v4?.fingerprint);
  const mine = version === 4 ? myV4 : account?.fingerprint;
  useEffect(() => {
    // Without it the check shows "Not known yet"; that is the right answer to a failure too.
    if (version === 4) refreshMyFingerprints(accountId).catch(() => undefined);
  }, [accountId, version]);

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
          mine={mine}
          theirs={status.fingerprint}
          version={version}
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
      {stepNo < 3 && version === 4 && status?.transitional && <TransitionalNote transitional={status.transitional} />}
      {body}
    </Dialog>
  );
}
