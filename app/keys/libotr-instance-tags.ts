/**
 * otr.instance_tags, libotr's instance tag per account (libotr 4.1.1
 * src/instag.c): a warning line, then one line per account,
 *
 *   accountname<TAB>protocol<TAB>8 hex digits
 *
 * libotr ignores lines without a tab (its own warning line among them), tags
 * that are not exactly 8 hex digits and tags below 0x100; this reader does the
 * same and says which lines it skipped. When an account is listed twice, libotr
 * uses the last line (it prepends to a list and searches from the front).
 */
import { MIN_INSTANCE_TAG } from '../../otr';
import { LibotrFormatError } from './errors';
import { checkField, checkLineLength, splitLines } from './libotr-lines';
import type { SkippedEntry } from './libotr-private-key';

export interface LibotrInstanceTag {
  accountName: string;
  protocol: string;
  tag: number;
}

export interface ParsedLibotrInstanceTags {
  entries: (LibotrInstanceTag & { line: number })[];
  skipped: SkippedEntry[];
}

export const INSTANCE_TAGS_FILE = 'otr.instance_tags';

/** libotr 4.1.1's first line, verbatim. */
export const INSTANCE_TAGS_WARNING =
  "# WARNING! You shouldn't copy this file to another computer. It is unnecessary and can cause problems.";

export function parseLibotrInstanceTags(
  data: Uint8Array | string,
  file = INSTANCE_TAGS_FILE,
): ParsedLibotrInstanceTags {
  const byAccount = new Map<string, LibotrInstanceTag & { line: number }>();
  const skipped: SkippedEntry[] = [];
  let candidates = 0;
  for (const { line, text } of splitLines(data)) {
    if (text === undefined) {
      candidates++;
      skipped.push({ line, reason: 'the line is not UTF-8 text' });
      continue;
    }
    // Like libotr: a line without a tab is not an entry (the warning line, comments).
    if (!text.includes('\t')) {
      if (text.trim() !== '' && !text.startsWith('#'))
        skipped.push({ line, reason: 'no tab: not an instance tag entry' });
      continue;
    }
    candidates++;
    const [accountName = '', protocol = '', ...rest] = text.split('\t');
    const hex = rest.join('\t');
    if (rest.length === 0 || !accountName || !protocol) {
      skipped.push({ line, reason: 'an entry needs an account name, a protocol and a tag' });
      continue;
    }
    if (!/^[0-9a-fA-F]{8}$/.test(hex)) {
      skipped.push({ line, reason: 'the tag is not 8 hex digits' });
      continue;
    }
    const tag = parseInt(hex, 16);
    if (tag < MIN_INSTANCE_TAG) {
      skipped.push({ line, reason: `the tag is below 0x${MIN_INSTANCE_TAG.toString(16)}, the smallest valid one` });
      continue;
    }
    const key = JSON.stringify([accountName, protocol]);
    const earlier = byAccount.get(key);
    if (earlier) {
      skipped.push({
        line: earlier.line,
        reason: `a later line (${line}) for ${accountName} (${protocol}) replaces this one, as in libotr`,
      });
      byAccount.delete(key);
    }
    byAccount.set(key, { accountName, protocol, tag, line });
  }
  if (byAccount.size === 0 && candidates > 0) {
    throw new LibotrFormatError(
      file,
      skipped[0]?.line,
      `no line is a usable instance tag entry (${skipped[0]?.reason ?? 'unreadable'})`,
    );
  }
  return { entries: [...byAccount.values()], skipped };
}

/** The file libotr would write for these tags, in the given order. */
export function formatLibotrInstanceTags(entries: readonly LibotrInstanceTag[]): string {
  let out = `${INSTANCE_TAGS_WARNING}\n`;
  for (const e of entries) {
    checkField('account name', e.accountName);
    checkField('protocol', e.protocol);
    if (!Number.isInteger(e.tag) || e.tag < MIN_INSTANCE_TAG || e.tag > 0xffffffff)
      throw new RangeError(`not a valid instance tag: ${e.tag}`);
    const line = `${e.accountName}\t${e.protocol}\t${e.tag.toString(16).padStart(8, '0')}`;
    checkLineLength(line);
    out += `${line}\n`;
  }
  return out;
}
