import { describe, expect, it } from 'vitest';
import { bareOf, parseJid } from './jid';
import { resolveOptions } from './options';
import { firstNonXmlChar } from './xml-text';

const logger = { log: () => undefined };

describe('parseJid (RFC 7622)', () => {
  it('splits and lower-cases local part and domain, keeping the resource as it is', () => {
    expect(parseJid('Alice@Example.ORG/Desk Top')).toEqual({
      local: 'alice',
      domain: 'example.org',
      resource: 'Desk Top',
    });
    expect(parseJid('example.org')).toEqual({ local: '', domain: 'example.org', resource: '' });
    expect(parseJid('a@b/c/d')?.resource).toBe('c/d');
    expect(bareOf('a@b/c')).toBe('a@b');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      '@b',
      'a@',
      'a@b/',
      'a b@c',
      'a@b c',
      "a'@b",
      'a@b@c',
      'a@.b',
      'a@b..c',
      `${'x'.repeat(1024)}@b`,
      'a@b/\u0007',
      'a@b/\uD800',
    ]) {
      expect(parseJid(bad), bad).toBeUndefined();
    }
  });
});

describe('firstNonXmlChar (XML 1.0 §2.2)', () => {
  it('names the first character XML cannot carry', () => {
    expect(firstNonXmlChar('tab\tand\nnewline\r ok 🦊')).toBeUndefined();
    expect(firstNonXmlChar('a\u0000b')).toBe('U+0000');
    expect(firstNonXmlChar('a\u001bb')).toBe('U+001B');
    expect(firstNonXmlChar('lone \uDC00')).toBe('U+DC00');
    expect(firstNonXmlChar('\uFFFE')).toBe('U+FFFE');
  });
});

describe('account options', () => {
  it('fills in host, port and a random resource', () => {
    const o = resolveOptions({ jid: 'Alice@Example.org', password: 'pw', tls: 'direct', logger });
    expect(o).toMatchObject({
      bareJid: 'alice@example.org',
      local: 'alice',
      domain: 'example.org',
      host: 'example.org',
      port: 5223,
      loopback: false,
    });
    expect(o.resource).toMatch(/^sotto-[0-9a-f]{8}$/);
    expect(resolveOptions({ jid: 'a@b', password: 'pw', tls: 'starttls', logger }).port).toBe(5222);
  });

  it('refuses no TLS to an address that is not this machine at once; a name waits for its addresses (no-tls.test.ts)', () => {
    for (const host of ['10.0.0.1', '::2', '[2001:db8::1]', '128.0.0.1']) {
      expect(() => resolveOptions({ jid: 'a@example.org', host, password: 'pw', tls: 'none', logger }), host).toThrow(
        /only for a server on this machine/,
      );
    }
    for (const host of ['127.0.0.1', '::1', '[::1]'])
      expect(resolveOptions({ jid: 'a@example.org', host, password: 'pw', tls: 'none', logger }).loopback, host).toBe(
        true,
      );
    expect(resolveOptions({ jid: 'a@example.org', password: 'pw', tls: 'none', logger }).loopback).toBe(true);
    expect(
      resolveOptions({ jid: 'a@example.org', host: '127.0.0.1', password: 'pw', tls: 'starttls', logger }).loopback,
    ).toBe(false);
  });

  it('refuses a JID without user, an empty password, a bad port or resource', () => {
    expect(() => resolveOptions({ jid: 'example.org', password: 'pw', tls: 'starttls', logger })).toThrow(
      expect.objectContaining({ kind: 'config' }),
    );
    expect(() => resolveOptions({ jid: 'a@b', password: '', tls: 'starttls', logger })).toThrow(/no password/);
    expect(() => resolveOptions({ jid: 'a@b', password: 'p', tls: 'starttls', port: 70000, logger })).toThrow(
      /not a port/,
    );
    expect(() => resolveOptions({ jid: 'a@b', password: 'p', tls: 'starttls', resource: 'x\u0000', logger })).toThrow(
      /resource/,
    );
  });
});
