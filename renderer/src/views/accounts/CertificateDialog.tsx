/**
 * The server's certificate is not trusted. Everything the user needs to decide
 * (host, SHA-256 fingerprint, subject, issuer, validity, why) and two answers.
 */
import { useState } from 'react';
import { acceptCertificate } from '../../actions/accounts';
import { errorText } from '../../lib/errors';
import { fullTime } from '../../lib/format';
import { accountById } from '../../store/app-store';
import { dropCertificate, type Certificate } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';

export function CertificateDialog({ certificate: c }: { certificate: Certificate }) {
  const [error, setError] = useState<string>();
  const name = accountById(c.accountId)?.name ?? c.accountId;
  const reject = () => dropCertificate(c.accountId);
  // account.acceptCertificate wants AA:BB:…: accept the core's format either way.
  const fingerprint = (
    c.fingerprint
      .toUpperCase()
      .replace(/[^0-9A-F]/g, '')
      .match(/.{2}/g) ?? []
  ).join(':');
  return (
    <Dialog title="Untrusted server certificate" onClose={reject} className="wide danger" testId="certificate-dialog">
      <p>
        The server <strong>{c.host}</strong> presented a certificate that is not trusted ({c.reason}). {name} was not
        signed in. Accept it only if you can check the fingerprint with the server’s administrator; otherwise someone
        may be listening in.
      </p>
      <dl className="certificate">
        <dt>Server</dt>
        <dd>{c.host}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code className="fingerprint" data-testid="certificate-fingerprint">
            {fingerprint}
          </code>
        </dd>
        <dt>Subject</dt>
        <dd>{c.subject}</dd>
        <dt>Issuer</dt>
        <dd>{c.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          from {readableDate(c.validFrom)} to {readableDate(c.validTo)}
        </dd>
        <dt>Why it is not trusted</dt>
        <dd>{c.reason}</dd>
      </dl>
      <ErrorText text={error} />
      <div className="button-row">
        <button type="button" className="primary" onClick={reject} data-autofocus>
          Reject
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => acceptCertificate(c.accountId, fingerprint).catch((err: unknown) => setError(errorText(err)))}
        >
          Accept this certificate and connect
        </button>
      </div>
    </Dialog>
  );
}

function readableDate(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : fullTime(ms);
}
