import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LibotrFormatError } from './errors';
import { formatLibotrFingerprints, parseLibotrFingerprints, type LibotrFingerprint } from './libotr-fingerprints';
import {
  formatLibotrInstanceTags,
  INSTANCE_TAGS_WARNING,
  parseLibotrInstanceTags,
  type LibotrInstanceTag,
} from './libotr-instance-tags';

const FP_A = '172bd707cdd9abded7dc66b3647f2dc328ddaf9d';
const FP_B = 'dcc16db6975cca0aeb2336afb679bc25bcf496b9';
const strip = <T extends { line: number }>({ line: _line, ...rest }: T) => rest;
const field = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .filter((s) => !/[\t\r\n\0]/.test(s) && s.trim() !== '');

function formatError(parse: () => unknown): LibotrFormatError {
  try {
    parse();
  } catch (error) {
    if (error instanceof LibotrFormatError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('otr.fingerprints', () => {
  it('reads and writes libotr’s lines: trust "smp", "verified", or empty', () => {
    const file = `bob@example.org\talice@example.org/Pidgin\tprpl-jabber\t${FP_A}\tsmp\ncarol\talice@irc.example.org\tprpl-irc\t${FP_B}\t\n`;
    const { entries, skipped } = parseLibotrFingerprints(file);
    expect(skipped).toEqual([]);
    expect(entries.map(strip)).toEqual([
      {
        username: 'bob@example.org',
        accountName: 'alice@example.org/Pidgin',
        protocol: 'prpl-jabber',
        fingerprint: FP_A,
        trust: 'smp',
      },
      { username: 'carol', accountName: 'alice@irc.example.org', protocol: 'prpl-irc', fingerprint: FP_B, trust: '' },
    ]);
    expect(formatLibotrFingerprints(entries.map(strip))).toBe(file);
  });

  it('reads what libotr also reads: no trust field, CRLF, upper-case hex, a last line without "\\n", tabs in the trust', () => {
    const file = `a\tb\tprpl-irc\t${FP_A.toUpperCase()}\r\nc\td\tprpl-irc\t${FP_B}\tvery\ttrusted`;
    const { entries } = parseLibotrFingerprints(file);
    expect(entries.map((e) => [e.fingerprint, e.trust])).toEqual([
      [FP_A, ''],
      [FP_B, 'very\ttrusted'],
    ]);
  });

  it('skips malformed lines with their line number and why', () => {
    const file = [
      `a\tb\tprpl-irc\t${FP_A}\tsmp`,
      'just text',
      '',
      `a\tb\tprpl-irc\t${FP_A.slice(1)}\t`,
      `\tb\tprpl-irc\t${FP_A}\t`,
      `a\tb\tprpl-irc\t${'g'.repeat(40)}\t`,
    ].join('\n');
    const { entries, skipped } = parseLibotrFingerprints(file);
    expect(entries).toHaveLength(1);
    expect(skipped).toEqual([
      { line: 2, reason: '1 tab-separated field; a fingerprint line has 4 or 5' },
      { line: 4, reason: 'the fingerprint is not 40 hex digits' },
      { line: 5, reason: 'an empty buddy, account or protocol name' },
      { line: 6, reason: 'the fingerprint is not 40 hex digits' },
    ]);
  });

  it('skips bytes that are not UTF-8, keeping the other lines', () => {
    const bad = Buffer.concat([
      Buffer.from('a\xff\tb\tprpl-irc\t', 'latin1'),
      Buffer.from(`${FP_A}\t\nc\td\tprpl-irc\t${FP_B}\t\n`),
    ]);
    const { entries, skipped } = parseLibotrFingerprints(bad);
    expect(entries.map((e) => e.username)).toEqual(['c']);
    expect(skipped).toEqual([{ line: 1, reason: 'the line is not UTF-8 text' }]);
  });

  it('takes the last trust of a fingerprint listed twice, as libotr does', () => {
    const { entries, skipped } = parseLibotrFingerprints(`a\tb\tp\t${FP_A}\tsmp\na\tb\tp\t${FP_A}\t\n`);
    expect(entries.map((e) => e.trust)).toEqual(['']);
    expect(skipped).toEqual([{ line: 1, reason: 'repeated on line 2, whose trust counts (as in libotr)' }]);
  });

  it('calls a file with no fingerprint line at all the wrong file, naming the first line', () => {
    const error = formatError(() => parseLibotrFingerprints('(privkeys\n (account\n'));
    expect(error.message).toBe(
      'otr.fingerprints, line 1: no line is a fingerprint entry (1 tab-separated field; a fingerprint line has 4 or 5)',
    );
  });

  it('reads an empty file as no fingerprints', () => {
    expect(parseLibotrFingerprints('')).toEqual({ entries: [], skipped: [] });
  });

  it('round-trips any entries (property)', () => {
    const entry: fc.Arbitrary<LibotrFingerprint> = fc.record({
      username: field,
      accountName: field,
      protocol: field,
      fingerprint: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => Buffer.from(b).toString('hex')),
      trust: fc.oneof(fc.constantFrom('', 'smp', 'verified'), field),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, {
          selector: (e) => [e.username, e.accountName, e.protocol, e.fingerprint].join('\t'),
          maxLength: 6,
        }),
        (entries) => {
          expect(parseLibotrFingerprints(formatLibotrFingerprints(entries)).entries.map(strip)).toEqual(entries);
        },
      ),
    );
  });

  it('refuses to write what libotr would misread', () => {
    const ok: LibotrFingerprint = {
      username: 'a',
      accountName: 'b',
      protocol: 'prpl-irc',
      fingerprint: FP_A,
      trust: '',
    };
    expect(() => formatLibotrFingerprints([{ ...ok, username: 'a\tb' }])).toThrow(/tab/);
    expect(() => formatLibotrFingerprints([{ ...ok, trust: 'x\ny' }])).toThrow(/line break/);
    expect(() => formatLibotrFingerprints([{ ...ok, fingerprint: 'abc' }])).toThrow(/40/);
    expect(() => formatLibotrFingerprints([{ ...ok, username: 'x'.repeat(990) }])).toThrow(/libotr would split it/);
  });
});

describe('otr.instance_tags', () => {
  it('writes libotr’s warning line and one hex tag per account', () => {
    const tags: LibotrInstanceTag[] = [
      { accountName: 'bob', protocol: 'prpl-irc', tag: 0xca2cbfa1 },
      { accountName: 'alice@example.org/Pidgin', protocol: 'prpl-jabber', tag: 0x100 },
    ];
    const file = formatLibotrInstanceTags(tags);
    expect(file).toBe(
      `${INSTANCE_TAGS_WARNING}\nbob\tprpl-irc\tca2cbfa1\nalice@example.org/Pidgin\tprpl-jabber\t00000100\n`,
    );
    expect(parseLibotrInstanceTags(file)).toEqual({
      entries: tags.map((t, i) => ({ ...t, line: i + 2 })),
      skipped: [],
    });
  });

  it('skips what libotr skips, saying why, and ignores the warning and comment lines', () => {
    const file = [
      INSTANCE_TAGS_WARNING,
      'a\tprpl-irc\t000000ff',
      'b\tprpl-irc\t123',
      'c\tprpl-irc\t1234567g',
      'no tab here',
      'd\tprpl-irc',
      'e\tprpl-irc\t0000abcd\tx',
      'f\tprpl-irc\t0000ABCD',
    ].join('\r\n');
    const { entries, skipped } = parseLibotrInstanceTags(file);
    expect(entries.map(strip)).toEqual([{ accountName: 'f', protocol: 'prpl-irc', tag: 0xabcd }]);
    expect(skipped).toEqual([
      { line: 2, reason: 'the tag is below 0x100, the smallest valid one' },
      { line: 3, reason: 'the tag is not 8 hex digits' },
      { line: 4, reason: 'the tag is not 8 hex digits' },
      { line: 5, reason: 'no tab: not an instance tag entry' },
      { line: 6, reason: 'an entry needs an account name, a protocol and a tag' },
      { line: 7, reason: 'the tag is not 8 hex digits' },
    ]);
  });

  it('uses the last line for an account listed twice, as libotr does', () => {
    const { entries, skipped } = parseLibotrInstanceTags('a\tp\t00000100\na\tp\t00000200\n');
    expect(entries.map((e) => e.tag)).toEqual([0x200]);
    expect(skipped).toEqual([{ line: 1, reason: 'a later line (2) for a (p) replaces this one, as in libotr' }]);
  });

  it('calls a file without one usable entry malformed, naming the line', () => {
    const error = formatError(() => parseLibotrInstanceTags('x\ty\tzz\n'));
    expect([error.file, error.line]).toEqual(['otr.instance_tags', 1]);
  });

  it('round-trips any entries (property)', () => {
    const entry: fc.Arbitrary<LibotrInstanceTag> = fc.record({
      accountName: field,
      protocol: field,
      tag: fc.integer({ min: 0x100, max: 0xffffffff }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => `${e.accountName}\t${e.protocol}`, maxLength: 6 }),
        (entries) => {
          expect(parseLibotrInstanceTags(formatLibotrInstanceTags(entries)).entries.map(strip)).toEqual(entries);
        },
      ),
    );
  });

  it('never throws anything but LibotrFormatError on any input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const parse of [parseLibotrInstanceTags, parseLibotrFingerprints]) {
          try {
            parse(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(LibotrFormatError);
          }
        }
      }),
    );
  });

  it('refuses to write invalid tags', () => {
    expect(() => formatLibotrInstanceTags([{ accountName: 'a', protocol: 'p', tag: 0xff }])).toThrow(RangeError);
    expect(() => formatLibotrInstanceTags([{ accountName: 'a\tb', protocol: 'p', tag: 0x100 }])).toThrow(RangeError);
  });
});
