/**
 * An OTR fingerprint in the groups of 8 hex digits people read aloud to each other:
 * one row of 5 for v3, two rows of 7 for v4, so both halves of a long key line up
 * when two people compare them. A row still wraps in a narrow column.
 */
import { Fragment } from 'react';
import { fingerprintRows, fingerprintVersion } from '../../lib/format';

export function Fingerprint({ hex, testId }: { hex: string; testId?: string }) {
  const rows = fingerprintRows(hex);
  const version = fingerprintVersion(hex);
  return (
    <code className={`fingerprint fingerprint-v${version}`} data-testid={testId ?? 'fingerprint'}>
      {rows.map((row, r) => (
        <span className="fingerprint-row" key={r}>
          {row.map((g, i) => (
            <Fragment key={i}>
              {/* A space between groups (rows too) keeps the copied and the spoken text in groups. */}
              {(r > 0 || i > 0) && ' '}
              <span className="fingerprint-group">{g}</span>
            </Fragment>
          ))}
        </span>
      ))}
    </code>
  );
}
