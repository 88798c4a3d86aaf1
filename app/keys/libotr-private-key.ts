/**
 * otr.private_key, libotr's private key file (libotr 4.1.1 src/privkey.c,
 * otrl_privkey_read_FILEp and account_write): one libgcrypt s-expression
 *
 *   (privkeys
 *    (account
 *   (name "alice@example.org/Pidgin")
 *   (protocol prpl-jabber)
 *   (private-key
 *    (dsa
 *     (p #00FC…#) (q #…#) (g #…#) (y #…#) (x #…#) … )))
 *
 * written exactly as libotr writes it (see sexp.ts for libgcrypt's layout). MPIs
 * are written as libgcrypt does (two's complement: a 00 byte before a value whose
 * top bit is set) and read as unsigned, as libotr reads them.
 *
 * Reading is tolerant where libotr gives up on the whole file: an account entry it
 * cannot use is skipped with a reason and the others are kept. When one account
 * appears twice, libotr uses the last entry (it prepends each to a list and
 * searches from the front); so does this reader, reporting the earlier one.
 */
import { bigintToBytes, bytesToBigint, type DsaPrivateKey } from '../../otr';
import { concealSecret, dsaKeyProblem } from './dsa-key-check';
import { LibotrFormatError } from './errors';
import { parseSexp, SexpSyntaxError, type Sexp, type SexpList } from './sexp';
import { atom, list, printSexpAdvanced } from './sexp-print';

export interface LibotrPrivateKey {
  /** The account as libpurple names it: "user@host/Resource" for XMPP, "nick@server" for IRC. */
  accountName: string;
  /** libpurple's protocol id: prpl-jabber, prpl-irc, … */
  protocol: string;
  key: DsaPrivateKey;
}

export interface SkippedEntry {
  line: number;
  reason: string;
}

export interface ParsedLibotrPrivateKeys {
  /** One per (accountName, protocol), in file order. */
  keys: (LibotrPrivateKey & { line: number })[];
  skipped: SkippedEntry[];
}

export const PRIVATE_KEY_FILE = 'otr.private_key';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const atomText = (s: Sexp): string | undefined => {
  if (s.kind !== 'atom') return undefined;
  try {
    return utf8.decode(s.bytes);
  } catch {
    return undefined;
  }
};
const head = (s: Sexp | undefined): string | undefined =>
  s?.kind === 'list' && s.items[0] ? atomText(s.items[0]) : undefined;
const child = (l: SexpList, name: string): SexpList | undefined => l.items.find((s): s is SexpList => head(s) === name);

class Skip extends Error {}

/** Parses the file; throws LibotrFormatError when it is not a libotr private key file at all. */
export function parseLibotrPrivateKeys(data: Uint8Array | string, file = PRIVATE_KEY_FILE): ParsedLibotrPrivateKeys {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let root: SexpList;
  try {
    root = parseSexp(bytes);
  } catch (error) {
    if (error instanceof SexpSyntaxError) throw new LibotrFormatError(file, error.line, error.reason);
    throw error;
  }
  if (atomText(root.items[0] ?? list()) !== 'privkeys')
    throw new LibotrFormatError(file, root.line, 'not a libotr private key file: it does not begin with "(privkeys"');

  const byAccount = new Map<string, LibotrPrivateKey & { line: number }>();
  const skipped: SkippedEntry[] = [];
  for (const entry of root.items.slice(1)) {
    try {
      const parsed = readAccount(entry);
      const id = JSON.stringify([parsed.accountName, parsed.protocol]);
      const earlier = byAccount.get(id);
      if (earlier) {
        skipped.push({
          line: earlier.line,
          reason: `a later entry (line ${parsed.line}) for ${parsed.accountName} (${parsed.protocol}) replaces this one, as in libotr`,
        });
        byAccount.delete(id);
      }
      byAccount.set(id, parsed);
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      skipped.push({ line: entry.line, reason: error.message });
    }
  }
  return { keys: [...byAccount.values()], skipped };
}

function readAccount(entry: Sexp): LibotrPrivateKey & { line: number } {
  if (entry.kind !== 'list' || head(entry) !== 'account') throw new Skip('not an (account …) entry');
  const text = (name: string): string => {
    const l = child(entry, name);
    if (!l) throw new Skip(`the account has no (${name} …)`);
    const item = l.items[1];
    const value = item && atomText(item);
    if (value === undefined) throw new Skip(`the account's ${name} is not UTF-8 text`);
    if (value === '') throw new Skip(`the account's ${name} is empty`);
    return value;
  };
  const accountName = text('name');
  const protocol = text('protocol');
  const dsa = child(child(entry, 'private-key') ?? list(), 'dsa');
  if (!dsa) {
    if (!child(entry, 'private-key')) throw new Skip(`${accountName} (${protocol}) has no (private-key …)`);
    throw new Skip(`${accountName} (${protocol}) has a key that is not DSA; OTR version 3 uses DSA`);
  }
  const mpi = (name: string): bigint => {
    const value = child(dsa, name)?.items[1];
    if (value?.kind !== 'atom') throw new Skip(`the DSA key of ${accountName} (${protocol}) has no ${name}`);
    return bytesToBigint(value.bytes);
  };
  const key: DsaPrivateKey = { p: mpi('p'), q: mpi('q'), g: mpi('g'), y: mpi('y'), x: mpi('x') };
  const problem = dsaKeyProblem(key);
  if (problem) throw new Skip(`the key of ${accountName} (${protocol}) is unusable: ${problem}`);
  return { accountName, protocol, key: concealSecret(key), line: entry.line };
}

/** libgcrypt's GCRYMPI_FMT_STD, which libgcrypt uses when it stores a key: a 00 byte keeps a value with its top bit set positive. */
export function mpiBytes(n: bigint): Uint8Array {
  const raw = bigintToBytes(n);
  if (raw.length === 0 || !((raw[0] as number) & 0x80)) return raw;
  const out = new Uint8Array(raw.length + 1);
  out.set(raw, 1);
  return out;
}

function checkName(what: string, value: string): void {
  // libotr builds the (name …) with gcry_sexp_build("%s"): a NUL would cut the name short.
  if (value === '' || value.includes('\0'))
    throw new RangeError(`libotr cannot store an empty ${what} or one with NUL`);
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The file libotr would write for these keys, byte for byte, in the given order. */
export function formatLibotrPrivateKeys(keys: readonly LibotrPrivateKey[]): Uint8Array {
  const ascii = (s: string) => new TextEncoder().encode(s);
  const parts: Uint8Array[] = [ascii('(privkeys\n')];
  for (const { accountName, protocol, key } of keys) {
    checkName('account name', accountName);
    checkName('protocol', protocol);
    const mpi = (name: string, v: bigint) => list(atom(name), atom(mpiBytes(v)));
    parts.push(
      ascii(' (account\n'),
      printSexpAdvanced(list(atom('name'), atom(accountName))),
      printSexpAdvanced(list(atom('protocol'), atom(protocol))),
      printSexpAdvanced(
        list(
          atom('private-key'),
          list(atom('dsa'), mpi('p', key.p), mpi('q', key.q), mpi('g', key.g), mpi('y', key.y), mpi('x', key.x)),
        ),
      ),
      ascii(' )\n'),
    );
  }
  parts.push(ascii(')\n'));
  return concat(parts);
}
