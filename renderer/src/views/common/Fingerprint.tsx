/** An OTR fingerprint in the 5 groups of 8 hex digits people read aloud to each other. */
import { Fragment } from 'react';
import { fingerprintGroups } from '../../lib/format';

export function Fingerprint({ hex, testId }: { hex: string; testId?: string }) {
  const groups = fingerprintGroups(hex);
  return (
    <code className="fingerprint" data-testid={testId ?? 'fingerprint'}>
      {groups.map((g, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="fingerprint-group">{g}</span>
        </Fragment>
      ))}
    </code>
  );
}
