/**
 * Buddies' fingerprints Sotto has seen, their OTR version, their trust, and Verify /
 * Unverify / Forget. A buddy can have a v3 and a v4 key at once: each is trusted on its
 * own, so the version tells the rows (and their buttons) apart.
 */
import { useEffect } from 'react';
import { attempt, fire } from '../../actions/attempt';
import { forgetFingerprint, refreshFingerprints, verifyFingerprint } from '../../actions/otr';
import { fingerprintVersion } from '../../lib/format';
import { useOtrStore, type KnownFingerprint } from '../../store/otr-store';
import { askConfirm } from '../../store/ui-store';
import { Fingerprint } from '../common/Fingerprint';

const TRUST: Record<KnownFingerprint['trust'], string> = {
  unverified: 'Not verified',
  'verified-manually': 'Verified by you',
  'verified-smp': 'Verified by question or secret',
};

function Row({ f }: { f: KnownFingerprint }) {
  const verified = f.trust !== 'unverified';
  const account = f.accountId.replace(/^[a-z]+:/, '');
  const version = f.version ?? fingerprintVersion(f.fingerprint);
  // Appended, so the names stay findable by their start ("Forget fingerprint of bob").
  const which = ` (OTR v${version})`;
  return (
    <tr data-testid="known-fingerprint">
      <th scope="row">
        {f.peer}
        <span className="muted via"> via {account}</span>
      </th>
      <td className="otr-version" data-testid="fingerprint-version">
        OTR v{version}
      </td>
      <td>
        <Fingerprint hex={f.fingerprint} />
      </td>
      <td className={verified ? 'trust-verified' : 'trust-unverified'}>{TRUST[f.trust]}</td>
      <td>
        <div className="button-row">
          <button
            type="button"
            aria-label={`${verified ? 'Unverify' : 'Verify'} ${f.peer}${which}`}
            onClick={() =>
              void attempt('Could not change the trust', () =>
                verifyFingerprint(f.accountId, f.peer, f.fingerprint, !verified),
              )
            }
          >
            {verified ? 'Unverify' : 'Verify'}
          </button>
          <button
            type="button"
            className="danger-text"
            aria-label={`Forget fingerprint of ${f.peer}${which}`}
            onClick={() =>
              askConfirm({
                title: `Forget this OTR v${version} fingerprint of ${f.peer}?`,
                body: `Sotto will treat this key as new the next time ${f.peer} uses it, and you will have to authenticate them again.`,
                confirmLabel: 'Forget',
                onConfirm: () =>
                  void attempt('Could not forget the fingerprint', () =>
                    forgetFingerprint(f.accountId, f.peer, f.fingerprint),
                  ),
              })
            }
          >
            Forget
          </button>
        </div>
      </td>
    </tr>
  );
}

export function KnownFingerprints() {
  const fingerprints = useOtrStore((s) => s.fingerprints);
  useEffect(() => fire(refreshFingerprints()), []);
  return (
    <section aria-labelledby="keys-known">
      <h3 id="keys-known">Buddies’ fingerprints</h3>
      {fingerprints.length === 0 ? (
        <p className="muted">None yet: fingerprints appear after your first private conversation with a buddy.</p>
      ) : (
        <div className="table-scroll">
          <table className="fingerprint-table">
            <thead>
              <tr>
                <th scope="col">Buddy</th>
                <th scope="col">Version</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Trust</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fingerprints.map((f) => (
                <Row key={`${f.accountId}\n${f.peer}\n${f.fingerprint}`} f={f} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
