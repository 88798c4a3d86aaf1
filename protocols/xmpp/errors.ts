/**
 * RFC 6120 §4.9 (stream errors) and §6.5 (SASL failures), and the socket and
 * TLS errors under them, turned into an AdapterError a person can read, and into
 * the one decision the reconnection loop needs: is trying again any use?
 */
import { AdapterError, type ErrorKind } from '../adapter';
import { errorText } from '../common/error-text';
import { CertificateError } from './cert-check';
import { SaslPolicyError } from './sasl';
import { ScramError } from './scram';
import { TlsRequiredError } from './starttls';

export interface Classified {
  error: AdapterError;
  /** A later attempt may succeed (network trouble, server restarting). */
  retry: boolean;
}

const SASL_FAILURES: Record<string, string> = {
  'not-authorized': 'The server refused the user name or password.',
  'account-disabled': 'The server says this account is disabled.',
  'credentials-expired': 'The server says the password has expired.',
  'encryption-required': 'The server requires encryption for this sign-in method.',
  'invalid-authzid': 'The server refused the sign-in (invalid identity).',
  'invalid-mechanism': 'The server refused the sign-in method.',
  'malformed-request': 'The server could not understand the sign-in.',
  'mechanism-too-weak': 'The server considers the sign-in method too weak.',
  aborted: 'The sign-in was aborted.',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be looked up',
  EPIPE: 'the connection was closed',
};

/** Stream errors after which reconnecting would fail again, or fight another client. */
const FINAL_STREAM_ERRORS: Record<string, { kind: ErrorKind; message: string }> = {
  conflict: {
    kind: 'protocol',
    message:
      'Signed in elsewhere with the same resource; not reconnecting, so the two do not keep replacing each other.',
  },
  'host-unknown': { kind: 'config', message: 'The server does not serve this domain.' },
  'not-authorized': { kind: 'auth', message: 'The server closed the connection: not authorized.' },
  'policy-violation': { kind: 'protocol', message: 'The server closed the connection for a policy violation.' },
};

function field(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const value = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function classifyError(err: unknown, where: string): Classified {
  if (err instanceof AdapterError) return { error: err, retry: err.kind === 'network' };
  if (err instanceof CertificateError) return { error: new AdapterError(err.message, 'certificate'), retry: false };
  if (err instanceof TlsRequiredError)
    return { error: new AdapterError(`Not connecting to ${where}: ${err.message}.`, 'protocol'), retry: false };
  if (err instanceof SaslPolicyError)
    return { error: new AdapterError(`Not signing in to ${where}: ${err.message}.`, 'auth'), retry: false };
  if (err instanceof ScramError)
    return { error: new AdapterError(`Sign-in to ${where} failed: ${err.message}.`, 'auth'), retry: false };
  const name = field(err, 'name');
  const condition = field(err, 'condition') ?? '';
  const text = field(err, 'text');
  if (name === 'SASLError') {
    const message = SASL_FAILURES[condition] ?? `The server refused the sign-in (${condition || 'no reason given'}).`;
    // The server's words add nothing to a wrong password (Prosody explains the SCRAM
    // arithmetic); for the rarer refusals they may say why.
    const withText = text && condition !== 'not-authorized' ? `${message} (${text})` : message;
    // temporary-auth-failure: the server's own trouble, worth another try.
    return { error: new AdapterError(withText, 'auth'), retry: condition === 'temporary-auth-failure' };
  }
  if (name === 'StreamError') {
    const final = FINAL_STREAM_ERRORS[condition];
    if (final) return { error: new AdapterError(final.message, final.kind), retry: false };
    return {
      error: new AdapterError(`The server closed the stream (${condition}${text ? `: ${text}` : ''}).`, 'network'),
      retry: true,
    };
  }
  if (name === 'TimeoutError')
    return { error: new AdapterError(`${where} did not answer in time.`, 'network'), retry: true };
  const code = field(err, 'code');
  if (code && code in NETWORK_CODES)
    return { error: new AdapterError(`Could not reach ${where}: ${NETWORK_CODES[code]}.`, 'network'), retry: true };
  const message = errorText(err);
  return { error: new AdapterError(`The connection to ${where} failed: ${message}`, 'network'), retry: true };
}
