/**
 * Step 2 (manual): both fingerprints in groups of 8 (5 for OTR v3, 14 for v4), each
 * labelled with its OTR version when known, and "I have / have not verified".
 */
import { useState } from 'react';
import type { OtrVersion } from '../../lib/otr-view';
import { ErrorText } from '../common/ErrorText';
import { Fingerprint } from '../common/Fingerprint';
import { FormButtons } from '../common/FormButtons';

interface Props {
  peer: string;
  myName: string;
  mine?: string | undefined;
  theirs: string;
  /** Of the conversation; both keys shown are of this version (v2 uses v3's keys). */
  version?: OtrVersion | undefined;
  verified: boolean;
  error?: string | undefined;
  onBack: () => void;
  onSave: (verified: boolean) => void;
}

function VersionBadge({ version }: { version: OtrVersion | undefined }) {
  if (version === undefined) return null;
  return (
    <>
      {' '}
      <span className="protocol-badge otr-version">OTR v{version}</span>
    </>
  );
}

export function FingerprintCheck({ peer, myName, mine, theirs, version, verified, error, onBack, onSave }: Props) {
  const [answer, setAnswer] = useState<'yes' | 'no'>(verified ? 'yes' : 'no');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(answer === 'yes');
      }}
    >
      <p>
        Call {peer} or meet them, and read your fingerprints to each other. Only if both match exactly is this
        conversation safe.
      </p>
      <dl className="fingerprints">
        <dt>
          Your fingerprint ({myName})
          <VersionBadge version={version} />
        </dt>
        <dd>
          {mine ? <Fingerprint hex={mine} testId="my-fingerprint" /> : <span className="muted">Not known yet</span>}
        </dd>
        <dt>
          Fingerprint {peer} is using now
          <VersionBadge version={version} />
        </dt>
        <dd>
          <Fingerprint hex={theirs} testId="their-fingerprint" />
        </dd>
      </dl>
      <fieldset>
        <legend>Is this {peer}’s real fingerprint?</legend>
        <label className="radio">
          <input type="radio" name="verified" checked={answer === 'yes'} onChange={() => setAnswer('yes')} autoFocus />I
          have verified that this is the correct fingerprint for {peer}
        </label>
        <label className="radio">
          <input type="radio" name="verified" checked={answer === 'no'} onChange={() => setAnswer('no')} />I have not
          verified this fingerprint
        </label>
      </fieldset>
      <ErrorText text={error} />
      <FormButtons onCancel={onBack} cancel="Back" submit="Save" />
    </form>
  );
}
