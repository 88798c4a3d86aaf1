/**
 * otr.fingerprints, libotr's store of buddies' fingerprints (libotr 4.1.1
 * src/privkey.c, otrl_privkey_read_fingerprints_FILEp and
 * otrl_privkey_write_fingerprints_FILEp): one line per fingerprint,
 *
 *   username<TAB>accountname<TAB>protocol<TAB>40 lower-case hex digits<TAB>trust
 *
 * Trust is free text: libotr trusts any non-empty value; Pidgin writes "verified"
 * when the user confirms by hand, libotr "smp" after a successful SMP, and an empty
 * field means not verified. libotr also reads lines without the fifth field, and
 * treats everything after the fourth tab as the trust, tabs included.
 *
 * libotr skips malformed lines without a word; this reader skips them too but
 * says which and why. A fingerprint listed twice for the same buddy takes the
 * trust of its last line, as in libotr.
 */
import { LibotrFormatError } from './errors';
import { checkField, checkLineLength, splitLines } from './libotr-lines';
import type { SkippedEntry } from './libotr-private-key';

export interface LibotrFingerprint {
  /** The buddy, as libpurple names them. */
  username: string;
  accountName: string;
  protocol: string;
  /** 40 lower-case hex digits. */
  fingerprint: string;
  /** "" when not verified; libotr trusts any other value. */
  trust: string;
}

export interface ParsedLibotrFingerprints {
  entries: (LibotrFingerprint & { line: number })[];
  skipped: SkippedEntry[];
}

export const FINGERPRINTS_FILE = 'otr.fingerprints';

export function parseLibotrFingerprints(data: Uint8Array | string, file = FINGERPRINTS_FILE): ParsedLibotrFingerprints {
  const byKey = new Map<string, LibotrFingerprint & { line: number }>();
  const skipped: SkippedEntry[] = [];
  let candidates = 0;
  for (const { line, text } of splitLines(data)) {
    if (text?.trim() !== '') candidates++;
    if (text === undefined) {
      skipped.push({ line, reason: 'the line is not UTF-8 text' });
      continue;
    }
    if (text.trim() === '') continue;
    const fields = text.split('\t');
    const [username = '', accountName = '', protocol = '', hex = ''] = fields;
    if (fields.length < 4) {
      skipped.push({
        line,
        reason: `${fields.length} tab-separated field${fields.length === 1 ? '' : 's'}; a fingerprint line has 4 or 5`,
      });
      continue;
    }
    if (!username || !accountName || !protocol) {
      skipped.push({ line, reason: 'an empty buddy, account or protocol name' });
      continue;
    }
    if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
      skipped.push({ line, reason: 'the fingerprint is not 40 hex digits' });
      continue;
    }
    const entry = {
      username,
      accountName,
      protocol,
      fingerprint: hex.toLowerCase(),
      trust: fields.slice(4).join('\t'),
      line,
    };
    const key = JSON.stringify([username, accountName, protocol, entry.fingerprint]);
    const earlier = byKey.get(key);
    if (earlier) {
      skipped.push({ line: earlier.line, reason: `repeated on line ${line}, whose trust counts (as in libotr)` });
      byKey.delete(key);
    }
    byKey.set(key, entry);
  }
  if (byKey.size === 0 && candidates > 0) {
    // Nothing at all looks like a fingerprint line: most likely the wrong file.
    throw new LibotrFormatError(
      file,
      skipped[0]?.line,
      `no line is a fingerprint entry (${skipped[0]?.reason ?? 'unreadable'})`,
    );
  }
  return { entries: [...byKey.values()], skipped };
}

/** The file libotr would write for these entries, in the given order. */
export function formatLibotrFingerprints(entries: readonly LibotrFingerprint[]): string {
  let out = '';
  for (const e of entries) {
    checkField('buddy name', e.username);
    checkField('account name', e.accountName);
    checkField('protocol', e.protocol);
    if (!/^[0-9a-f]{40}$/.test(e.fingerprint)) throw new RangeError('a fingerprint must be 40 lower-case hex digits');
    if (/[\r\n\0]/.test(e.trust)) throw new RangeError('a trust value cannot hold a line break or NUL');
    const line = `${e.username}\t${e.accountName}\t${e.protocol}\t${e.fingerprint}\t${e.trust}`;
    checkLineLength(line);
    out += `${line}\n`;
  }
  return out;
}
