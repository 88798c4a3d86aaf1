import { describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter';
import { CertificateError } from './cert-check';
import { classifyError } from './errors';
import { TlsRequiredError } from './starttls';

const named = (name: string, fields: Record<string, string>) =>
  Object.assign(new Error(fields.condition ?? name), { name, ...fields });

describe('classifyError', () => {
  it('stops on what retrying cannot fix', () => {
    expect(classifyError(named('SASLError', { condition: 'not-authorized', text: 'bad proof' }), 'x')).toEqual({
      error: new AdapterError('The server refused the user name or password.', 'auth'),
      retry: false,
    });
    expect(classifyError(named('SASLError', { condition: 'account-disabled', text: 'spam' }), 'x').error.message).toBe(
      'The server says this account is disabled. (spam)',
    );
    expect(classifyError(named('StreamError', { condition: 'conflict' }), 'x')).toMatchObject({
      retry: false,
      error: { kind: 'protocol' },
    });
    expect(
      classifyError(
        new CertificateError({
          host: 'h',
          fingerprint: 'F',
          subject: '',
          issuer: '',
          validFrom: '',
          validTo: '',
          reason: 'it is self-signed',
        }),
        'h',
      ),
    ).toMatchObject({ retry: false, error: { kind: 'certificate' } });
    expect(classifyError(new TlsRequiredError('no TLS'), 'h')).toMatchObject({
      retry: false,
      error: { kind: 'protocol' },
    });
  });

  it('tries again after network trouble and passing server trouble', () => {
    expect(classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'chat.example')).toEqual({
      error: new AdapterError('Could not reach chat.example: the connection was refused.', 'network'),
      retry: true,
    });
    expect(classifyError(named('StreamError', { condition: 'system-shutdown' }), 'x')).toMatchObject({
      retry: true,
      error: { kind: 'network' },
    });
    expect(classifyError(named('SASLError', { condition: 'temporary-auth-failure' }), 'x')).toMatchObject({
      retry: true,
      error: { kind: 'auth' },
    });
    expect(classifyError(named('TimeoutError', {}), 'x')).toMatchObject({ retry: true });
    expect(classifyError('something odd', 'x')).toMatchObject({ retry: true, error: { kind: 'network' } });
  });
});
