/** What people read when a command fails or an account cannot sign in. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { connectErrorText, errorText, isUnsupported } from './errors';

const UNSUPPORTED = 'This version of the Sotto core cannot do that yet.';

describe('errorText', () => {
  it("passes the core's -32000 message on as it is: it is written for the user", () => {
    expect(errorText(new ApiError('alice@example.org is not connected', -32000))).toBe(
      'alice@example.org is not connected',
    );
  });

  it('says the core is too old for an unknown method', () => {
    expect(errorText(new ApiError('Method not found: keys.export', -32601))).toBe(UNSUPPORTED);
  });

  it('says the core is too old for an internal error from a handler it does not have', () => {
    expect(errorText(new ApiError('Internal error while running keys.export', -32603))).toBe(UNSUPPORTED);
  });

  it('passes on other internal errors', () => {
    expect(errorText(new ApiError('Internal error', -32603))).toBe('Internal error');
  });

  it('asks for a reload when the connection to the core is lost', () => {
    expect(errorText(new ApiError('socket closed', -32099))).toBe('Sotto is not connected: reload the window.');
  });

  it('gives the message of any other error, and anything else as a string', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42)).toBe('42');
  });
});

describe('isUnsupported', () => {
  it('is true for an unknown method and for a missing handler, and only for those', () => {
    expect(isUnsupported(new ApiError('x', -32601))).toBe(true);
    expect(isUnsupported(new ApiError('Internal error while running x', -32603))).toBe(true);
    expect(isUnsupported(new ApiError('Internal error', -32603))).toBe(false);
    expect(isUnsupported(new ApiError('Method not found', -32000))).toBe(false);
    expect(isUnsupported(new Error('Method not found'))).toBe(false);
  });
});

describe('connectErrorText', () => {
  const advice = (reason: string) =>
    connectErrorText(reason, 'alice@example.org').replace(/ \(The server said: [^]*\)$/, '');
  const WRONG_PASSWORD =
    'Wrong password or user name: the server refused to sign in alice@example.org. Check the password and connect again.';
  const CERTIFICATE = "The server's certificate is not trusted, so Sotto did not sign in.";
  const NOTHING_ANSWERED = "Nothing answered at the server's address. Check the server name and port.";
  const NICK_IN_USE = 'That nickname is already in use on this server. Choose another one in Accounts.';

  it("puts the server's own words after the advice", () => {
    expect(connectErrorText('The server refused the user name or password.', 'alice@example.org')).toBe(
      `${WRONG_PASSWORD} (The server said: The server refused the user name or password.)`,
    );
  });

  it('calls a refused sign-in a wrong password or user name', () => {
    for (const reason of [
      'The server refused the user name or password.',
      'irc.example refused the server password.',
      'irc.example refused the SASL login for alice: Invalid credentials',
      'The server closed the connection: not authorized.',
      'ERR_PASSWDMISMATCH 464',
    ]) {
      expect(advice(reason), reason).toBe(WRONG_PASSWORD);
    }
  });

  it('calls a certificate issued by an unknown authority a certificate problem, not a wrong password', () => {
    expect(
      advice('The certificate of example.org is not trusted: it was issued by an authority the system does not trust.'),
    ).toBe(CERTIFICATE);
  });

  it('calls self-signed and mismatched certificates certificate problems', () => {
    for (const reason of [
      'The TLS certificate of irc.example is not trusted: it is self-signed Fingerprint: AB:CD',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    ]) {
      expect(advice(reason), reason).toBe(CERTIFICATE);
    }
  });

  it('calls a nick in use a nick in use, although the server "refused" it', () => {
    expect(advice('irc.example refused every nick this account may use (alice, alice_): in use.')).toBe(NICK_IN_USE);
    expect(advice('433 alice :Nickname is already in use')).toBe(NICK_IN_USE);
  });

  it('calls a refused connection nothing answering', () => {
    for (const reason of [
      'irc.example:6667 refused the connection: is the server running on that port?',
      'Could not reach example.org: the connection was refused.',
      'connect ECONNREFUSED 127.0.0.1:5222',
    ]) {
      expect(advice(reason), reason).toBe(NOTHING_ANSWERED);
    }
  });

  it('recognises an unknown server name and a time-out', () => {
    expect(advice('getaddrinfo ENOTFOUND example.invalid')).toBe(
      "The server's name could not be found. Check the server name, or your network.",
    );
    expect(advice('Could not reach example.org: the connection timed out.')).toBe(
      'The server did not answer in time. Try again later.',
    );
  });

  it('reads a number inside a port or address as no IRC reply code', () => {
    expect(advice('connect ETIMEDOUT 192.0.2.1:6464')).toBe('The server did not answer in time. Try again later.');
  });

  it("shows the adapter's own sentence where no advice fits, rather than a wrong one", () => {
    for (const reason of [
      "irc.example:6697 did not answer in TLS: is this the server's TLS port?",
      'Not connecting to example.org: the server does not offer TLS, so the password and messages would travel unencrypted.',
      'The server refused the sign-in method.',
    ]) {
      expect(connectErrorText(reason, 'alice@example.org'), reason).toBe(reason);
    }
  });
});
