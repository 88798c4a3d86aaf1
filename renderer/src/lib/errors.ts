/**
 * Turns what the core or the transport answered into sentences for people.
 * The core's -32000 messages are already written for the user; the rest are not.
 */
import { ApiError } from '../api/client';

const METHOD_NOT_FOUND = -32601;
const INTERNAL = -32603;
const CONNECTION_LOST = -32099;

export function errorText(err: unknown): string {
  if (isUnsupported(err)) return 'This version of the Sotto core cannot do that yet.';
  if (err instanceof ApiError)
    return err.code === CONNECTION_LOST ? 'Sotto is not connected: reload the window.' : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** True when the core does not have this command yet: the view hides what depends on it. */
export function isUnsupported(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.code === METHOD_NOT_FOUND || (err.code === INTERNAL && /Internal error while running/.test(err.message)))
  );
}

/**
 * Why an account could not sign in, with what to do about it, by the words of the reason:
 * the adapters' own sentences ("The certificate of … was issued by an authority …", "… refused
 * every nick …: in use") and raw codes. First match wins, so the narrow kinds come first, and
 * words that also occur in other reasons (auth in "authority", password in "the password and
 * messages would travel unencrypted", TLS) are not enough on their own.
 */
const CONNECT_ADVICE: [RegExp, (accountName: string) => string][] = [
  [
    /nick.*(in use|taken)|\b433\b/,
    () => 'That nickname is already in use on this server. Choose another one in Accounts.',
  ],
  [/certificate|self.signed|cert_/, () => "The server's certificate is not trusted, so Sotto did not sign in."],
  [
    /not-authorized|not authorized|user name or password|server password|refused the sasl|authentication failed|credentials|\b464\b/,
    (accountName) =>
      `Wrong password or user name: the server refused to sign in ${accountName}. Check the password and connect again.`,
  ],
  [
    /econnrefused|connection refused|refused the connection|connection was refused/,
    () => "Nothing answered at the server's address. Check the server name and port.",
  ],
  [
    /enotfound|eai_again|getaddrinfo/,
    () => "The server's name could not be found. Check the server name, or your network.",
  ],
  [/timeout|timed out|etimedout/, () => 'The server did not answer in time. Try again later.'],
];

/** The reason in words with advice, the server's own words following; a reason none of them fits is shown as it came. */
export function connectErrorText(reason: string, accountName: string): string {
  const r = reason.toLowerCase();
  const advice = CONNECT_ADVICE.find(([pattern]) => pattern.test(r))?.[1];
  return advice ? `${advice(accountName)} (The server said: ${reason})` : reason;
}
