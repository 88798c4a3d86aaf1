import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigintModPow, bytesToBigint, type DsaPrivateKey } from '../../otr';
import { ALICE_KEY, BOB_KEY } from '../../otr/test-support/fixtures';
import { LibotrFormatError } from './errors';
import { formatLibotrPrivateKeys, mpiBytes, parseLibotrPrivateKeys, type LibotrPrivateKey } from './libotr-private-key';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const hex = (n: bigint) => Buffer.from(mpiBytes(n)).toString('hex').toUpperCase();
/** A valid key on ALICE_KEY's group with a chosen private exponent. */
const keyWithX = (x: bigint): DsaPrivateKey => ({ ...ALICE_KEY, x, y: bigintModPow(ALICE_KEY.g, x, ALICE_KEY.p) });
const sameKey = (a: DsaPrivateKey, b: DsaPrivateKey) => {
  expect([a.p, a.q, a.g, a.y, a.x]).toEqual([b.p, b.q, b.g, b.y, b.x]);
};

/** An account entry as libotr 4.1.1 writes it. */
const libotrEntry = (name: string, protocol: string, k: DsaPrivateKey) =>
  ` (account\n(name ${name})\n(protocol ${protocol})\n(private-key \n (dsa \n  (p #${hex(k.p)}#)\n  (q #${hex(k.q)}#)\n  (g #${hex(k.g)}#)\n  (y #${hex(k.y)}#)\n  (x #${hex(k.x)}#)\n  )\n )\n )\n`;

function formatError(data: string): LibotrFormatError {
  try {
    parseLibotrPrivateKeys(data);
  } catch (error) {
    if (error instanceof LibotrFormatError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('otr.private_key', () => {
  it('writes exactly what libotr 4.1.1 writes', () => {
    const keys: LibotrPrivateKey[] = [
      { accountName: 'alice@example.org/Pidgin', protocol: 'prpl-jabber', key: ALICE_KEY },
      { accountName: 'bob', protocol: 'prpl-irc', key: BOB_KEY },
    ];
    const expected = `(privkeys\n${libotrEntry('"alice@example.org/Pidgin"', 'prpl-jabber', ALICE_KEY)}${libotrEntry('bob', 'prpl-irc', BOB_KEY)})\n`;
    expect(text(formatLibotrPrivateKeys(keys))).toBe(expected);
  });

  it('reads several accounts, with their names and protocols, unknown protocols included', () => {
    const file = `(privkeys\n${libotrEntry('"alice@example.org/Pidgin"', 'prpl-jabber', ALICE_KEY)}${libotrEntry('"bob@aim"', 'prpl-aim', BOB_KEY)})\n`;
    const { keys, skipped } = parseLibotrPrivateKeys(file);
    expect(skipped).toEqual([]);
    expect(keys.map((k) => [k.accountName, k.protocol, k.line])).toEqual([
      ['alice@example.org/Pidgin', 'prpl-jabber', 2],
      ['bob@aim', 'prpl-aim', 15],
    ]);
    sameKey(keys[0]!.key, ALICE_KEY);
    sameKey(keys[1]!.key, BOB_KEY);
  });

  it('reads keys written any way libgcrypt reads them: one line, CRLF, no 00 prefix, lower case, strings', () => {
    const k = ALICE_KEY;
    const plain = (n: bigint) => n.toString(16).padStart(2 * Math.ceil(n.toString(16).length / 2), '0');
    const file = `(privkeys (account (name "alice") (protocol "prpl-jabber")\r\n (private-key (dsa (p #${plain(k.p)}#) (q #${plain(k.q)}#)\r\n (g |${Buffer.from(mpiBytes(k.g)).toString('base64')}|) (y #${plain(k.y)}#) (x #${plain(k.x)}#)))))`;
    const { keys } = parseLibotrPrivateKeys(file);
    expect(keys[0]?.accountName).toBe('alice');
    sameKey(keys[0]!.key, ALICE_KEY);
  });

  it('round-trips keys whose x libgcrypt prints as a quoted string, escapes and all', () => {
    // 20 bytes that libgcrypt's suitable_encoding() sends to a quoted string: printable, \t, ", ', \, NUL, a byte >= 0xA1.
    const xBytes = Uint8Array.from([
      0x41,
      0x09,
      0x22,
      0x27,
      0x5c,
      0x00,
      0xa1,
      ...new TextEncoder().encode('sotto-x-value'),
    ]);
    const key = keyWithX(bytesToBigint(xBytes));
    const file = formatLibotrPrivateKeys([{ accountName: 'q', protocol: 'prpl-irc', key }]);
    expect(text(file)).toContain('(x "A\\t\\"\\\'\\\\\\x00');
    sameKey(parseLibotrPrivateKeys(file).keys[0]!.key, key);
  });

  it('round-trips any names and protocols (property)', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, fc.boolean()), { maxLength: 4 }), (entries) => {
        const unique = [
          ...new Map(
            entries.map(([n, p, alice]) => [
              JSON.stringify([n, p]),
              { accountName: n, protocol: p, key: alice ? ALICE_KEY : BOB_KEY },
            ]),
          ).values(),
        ];
        const parsed = parseLibotrPrivateKeys(formatLibotrPrivateKeys(unique));
        expect(parsed.skipped).toEqual([]);
        expect(parsed.keys.map((k) => [k.accountName, k.protocol, k.key.x])).toEqual(
          unique.map((k) => [k.accountName, k.protocol, k.key.x]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('uses the last entry for an account listed twice, as libotr does, and says so', () => {
    const file = `(privkeys\n${libotrEntry('a', 'prpl-irc', ALICE_KEY)}${libotrEntry('a', 'prpl-irc', BOB_KEY)})\n`;
    const { keys, skipped } = parseLibotrPrivateKeys(file);
    expect(keys).toHaveLength(1);
    sameKey(keys[0]!.key, BOB_KEY);
    expect(skipped).toEqual([{ line: 2, reason: expect.stringContaining('line 15') }]);
  });

  it('skips unusable entries with the line and a reason, keeping the others', () => {
    const badY = { ...ALICE_KEY, y: ALICE_KEY.y + 1n };
    const noX = libotrEntry('nox', 'prpl-irc', BOB_KEY).replace(/\n {2}\(x #[0-9A-F]+#\)/, '');
    const file = [
      '(privkeys',
      libotrEntry('good', 'prpl-irc', ALICE_KEY).trimEnd(),
      ' (something-else x)',
      ' (account (protocol prpl-irc) (private-key (dsa (p #01#))))',
      ' (account (name "ecc") (protocol prpl-irc) (private-key (ecc (q #01#))))',
      libotrEntry('badY', 'prpl-irc', badY).trimEnd(),
      noX.trimEnd(),
      ' (account (name #FF#) (protocol prpl-irc) (private-key (dsa)))',
      ')',
    ].join('\n');
    const { keys, skipped } = parseLibotrPrivateKeys(file);
    expect(keys.map((k) => k.accountName)).toEqual(['good']);
    expect(skipped).toEqual([
      { line: 15, reason: 'not an (account …) entry' },
      { line: 16, reason: 'the account has no (name …)' },
      { line: 17, reason: expect.stringContaining('not DSA') },
      { line: 18, reason: expect.stringContaining('y does not belong to its private exponent x') },
      { line: 31, reason: 'the DSA key of nox (prpl-irc) has no x' },
      { line: 43, reason: "the account's name is not UTF-8 text" },
    ]);
  });

  it.each([
    ['(privkeys\n (account\n', 2, 'never closed'],
    ['(public-keys)', 1, 'does not begin with "(privkeys"'],
    ['(privkeys))', 1, 'after the closing'],
    ['', 1, 'empty'],
    ['garbage', 1, 'outside any list'],
  ])('refuses a file that is not one: %j (line %i)', (data, line, reason) => {
    const error = formatError(data);
    expect(error.file).toBe('otr.private_key');
    expect(error.line).toBe(line);
    expect(error.message).toContain(reason);
  });

  it('never throws anything but LibotrFormatError, whatever the bytes (property)', () => {
    const valid = formatLibotrPrivateKeys([{ accountName: 'a', protocol: 'prpl-irc', key: ALICE_KEY }]);
    const mutated = fc
      .tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.nat({ max: 40 }))
      .map(([at, byte, cut]) => {
        const copy = valid.slice(0, valid.length - cut);
        if (at < copy.length) copy[at] = byte;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 300 })), (bytes) => {
        try {
          parseLibotrPrivateKeys(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(LibotrFormatError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps x out of logs: the parsed key shows no secret when inspected or serialized', () => {
    const { keys } = parseLibotrPrivateKeys(
      formatLibotrPrivateKeys([{ accountName: 'a', protocol: 'prpl-irc', key: ALICE_KEY }]),
    );
    const key = keys[0]!.key;
    expect(key.x).toBe(ALICE_KEY.x);
    const xHex = ALICE_KEY.x.toString(16);
    expect(inspect(keys, { depth: 5 })).not.toContain(ALICE_KEY.x.toString());
    expect(JSON.stringify(keys, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v))).not.toContain(xHex);
  });

  it('refuses to write names libotr cannot hold', () => {
    expect(() => formatLibotrPrivateKeys([{ accountName: 'a\0b', protocol: 'prpl-irc', key: ALICE_KEY }])).toThrow(
      RangeError,
    );
    expect(() => formatLibotrPrivateKeys([{ accountName: '', protocol: 'prpl-irc', key: ALICE_KEY }])).toThrow(
      RangeError,
    );
  });
});
