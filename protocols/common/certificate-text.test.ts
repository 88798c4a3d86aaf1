import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { distinguishedName, isoDate, normalizeFingerprint, sha256Fingerprint } from './certificate-text';

describe('certificate words', () => {
  it('normalizes fingerprints to colon-separated upper-case pairs', () => {
    expect(normalizeFingerprint('ab cd:EF01')).toBe('AB:CD:EF:01');
    expect(sha256Fingerprint(Buffer.from(''))).toMatch(/^E3:B0:C4:42(:[0-9A-F]{2}){28}$/);
  });

  it('never makes a mistyped fingerprint match', () => {
    expect(normalizeFingerprint('AB-CD')).not.toBe(normalizeFingerprint('ABCD'));
  });

  it('writes names on one line and dates as ISO 8601', () => {
    expect(distinguishedName({ CN: 'example.org', O: 'Example' } as PeerCertificate['subject'])).toBe(
      'CN=example.org, O=Example',
    );
    expect(distinguishedName(undefined)).toBe('');
    expect(isoDate('Jan  2 03:04:05 2030 GMT')).toBe('2030-01-02T03:04:05.000Z');
    expect(isoDate('not a date')).toBe('not a date');
    expect(isoDate(undefined)).toBe('');
  });
});
