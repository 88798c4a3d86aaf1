/**
 * Turns what the core or the transport answered into sentences for people.
 * The core's -32000 messages are already written for the user; the rest are not.
 */
import { ApiError } from '../api/client';

const METHOD_NOT_FOUND = -32601;
const INTERNAL = -32603;
const CONNECTION_LOST = -32099;

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === METHOD_NOT_FOUND || (err.code === INTERNAL && /Internal error while running/.test(err.message))) {
      return 'This version of the Sotto core cannot do that yet.';
    }
    if (err.code === CONNECTION_LOST) return 'Sotto is not connected: reload the window.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** True when the core does not have this command yet: the view hides what depends on it. */
export function isUnsupported(err: unknown): boolean {
  return err instanceof ApiError && (err.code === METHOD_NOT_FOUND || (err.code === INTERNAL && /Internal error while running/.test(err.message)));
}

/** Why an account could not sign in, with what to do about it; the server's own words follow. */
export function connectErrorText(reason: string, accountName: string): string {
  const r = reason.toLowerCase();
  const said = ` (The server said: ${reason})`;
  if (/not-authorized|auth|password|sasl|credentials|464/.test(r)) {
    return `Wrong password or user name: the server refused to sign in ${accountName}. Check the password and connect again.${said}`;
  }
  if (/econnrefused|refused/.test(r)) return `Nothing answered at the server's address. Check the server name and port.${said}`;
  if (/enotfound|eai_again|getaddrinfo/.test(r)) return `The server's name could not be found. Check the server name, or your network.${said}`;
  if (/certificate|self.signed|cert_|tls/.test(r)) return `The server's certificate is not trusted, so Sotto did not sign in.${said}`;
  if (/timeout|timed out|etimedout/.test(r)) return `The server did not answer in time. Try again later.${said}`;
  if (/nick.*(in use|taken)|433/.test(r)) return `That nickname is already in use on this server. Choose another one in Accounts.${said}`;
  return reason;
}
