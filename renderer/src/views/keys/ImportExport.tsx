/** Moving keys, fingerprints and trust to and from Pidgin (libotr's files in ~/.purple). */
import { useState } from 'react';
import { exportKeys, importKeys } from '../../actions/keys';
import { errorText } from '../../lib/errors';
import { ErrorText } from '../common/ErrorText';

export function ImportExport() {
  const [dir, setDir] = useState('');
  const [report, setReport] = useState<{ title: string; lines: string[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = (title: string, job: (d: string) => Promise<string[]>) => {
    if (!dir.trim()) return setError('Enter the folder first, for example /home/you/.purple');
    setError(undefined);
    setReport(undefined);
    setBusy(true);
    job(dir.trim())
      .then((lines) => setReport({ title, lines }))
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="keys-pidgin">
      <h3 id="keys-pidgin">Pidgin and other libotr clients</h3>
      <p className="hint">
        Import your key, your buddies’ fingerprints and their trust from Pidgin, so nobody needs to verify you again; or
        export them for Pidgin.
      </p>
      <label className="field">
        <span>Folder with otr.private_key and otr.fingerprints</span>
        <input
          type="text"
          value={dir}
          onChange={(e) => setDir(e.target.value)}
          placeholder="/home/you/.purple"
          spellCheck={false}
        />
      </label>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => run('Imported', importKeys)}>
          Import from this folder
        </button>
        <button type="button" disabled={busy} onClick={() => run('Exported', exportKeys)}>
          Export to this folder
        </button>
      </div>
      <ErrorText text={error} />
      {report && (
        <div role="status" className="report" data-testid="keys-report">
          <p>
            <strong>{report.title}:</strong>
          </p>
          <ul>
            {report.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
