/**
 * The unencoded OTR messages (Protocol-v3, "Unencoded messages") and the
 * classification of any incoming text: query messages, whitespace-tagged
 * plaintext, error messages, `?OTR:` encoded messages and fragments.
 */
import { decodeBase64, encodeBase64 } from './base64';
import type { ProtocolVersion } from './messages';

/** What queries and tags offer: OTRv3's versions and OTRv4. */
export type OfferedVersion = ProtocolVersion | 4;

export const WHITESPACE_TAG_BASE = ' \t  \t\t\t\t \t \t \t  ';
export const WHITESPACE_TAG_V1 = ' \t \t  \t ';
export const WHITESPACE_TAG_V2 = '  \t\t  \t ';
export const WHITESPACE_TAG_V3 = '  \t\t  \t\t';
/** OTRv4 "Whitespace Tags": "a space, a space, tab, tab, space, tab, space, space". */
export const WHITESPACE_TAG_V4 = '  \t\t \t  ';
const VERSION_TAGS: readonly [string, number][] = [
  [WHITESPACE_TAG_V1, 1],
  [WHITESPACE_TAG_V2, 2],
  [WHITESPACE_TAG_V3, 3],
  [WHITESPACE_TAG_V4, 4],
];

export const ERROR_PREFIX = '?OTR Error:';
const ENCODED_PREFIX = '?OTR:';

export type Classified =
  | { kind: 'plaintext'; text: string }
  /** `text` has the tag removed. */
  | { kind: 'tagged'; text: string; versions: number[] }
  | { kind: 'query'; versions: number[] }
  | { kind: 'error'; text: string }
  | { kind: 'encoded'; bytes: Uint8Array }
  /** `?OTR:` with something that is not strict base64 up to a '.'. */
  | { kind: 'malformed'; reason: string }
  | { kind: 'fragment'; raw: string };

/** Builds `?OTRv23?` (or v3 / v2 alone) followed by a one-line explanation for clients without OTR. */
export function queryMessage(versions: readonly OfferedVersion[], explanation: string): string {
  const sorted = [...new Set(versions)].sort();
  return `?OTRv${sorted.join('')}?${explanation ? ` ${explanation}` : ''}`;
}

/** The tags in ascending order: a v4 tag last loses its trailing spaces to a stripping server, and is still read (findWhitespaceTag). */
export function whitespaceTag(versions: readonly OfferedVersion[]): string {
  return (
    WHITESPACE_TAG_BASE +
    (versions.includes(2) ? WHITESPACE_TAG_V2 : '') +
    (versions.includes(3) ? WHITESPACE_TAG_V3 : '') +
    (versions.includes(4) ? WHITESPACE_TAG_V4 : '')
  );
}

export function encodeOtrMessage(bytes: Uint8Array): string {
  return `${ENCODED_PREFIX}${encodeBase64(bytes)}.`;
}

export function errorMessage(text: string): string {
  return `${ERROR_PREFIX} ${text}`;
}

/** Versions offered after "?OTR": "?" means v1, "v…?" lists the others; unknown ids are ignored. */
function parseQueryVersions(afterOtr: string): number[] {
  const versions = new Set<number>();
  let rest = afterOtr;
  if (rest.startsWith('?')) {
    versions.add(1);
    rest = rest.slice(1);
  }
  if (rest.startsWith('v')) {
    const end = rest.indexOf('?');
    const ids = end < 0 ? '' : rest.slice(1, end);
    for (const c of ids) if (c === '2' || c === '3' || c === '4') versions.add(Number(c));
  }
  return [...versions].sort();
}

/**
 * Finds and removes a whitespace tag. A final version tag cut short at the very
 * end of the text (trailing whitespace stripped by a server or client) still counts.
 */
export function findWhitespaceTag(text: string): { text: string; versions: number[] } | undefined {
  const start = text.indexOf(WHITESPACE_TAG_BASE);
  if (start < 0) return undefined;
  let pos = start + WHITESPACE_TAG_BASE.length;
  const versions: number[] = [];
  for (;;) {
    const chunk = text.slice(pos, pos + 8);
    const full = VERSION_TAGS.find(([tag]) => tag === chunk);
    if (full) {
      versions.push(full[1]);
      pos += 8;
      continue;
    }
    if (pos + chunk.length === text.length && chunk.length > 0) {
      // Cut short: it can only be a version not listed yet; v2 and v3 share their
      // first seven characters (v4 its first five), and senders list the highest
      // last, so the highest wins.
      const cut = VERSION_TAGS.filter(([tag, v]) => tag.startsWith(chunk) && !versions.includes(v));
      const version = Math.max(...cut.map(([, v]) => v));
      if (cut.length > 0) versions.push(version);
      if (cut.length > 0 || VERSION_TAGS.some(([tag]) => tag.startsWith(chunk))) pos += chunk.length;
    }
    break;
  }
  return { text: text.slice(0, start) + text.slice(pos), versions: [...new Set(versions)].sort() };
}

export function classify(text: string): Classified {
  const otr = text.indexOf('?OTR');
  if (otr >= 0) {
    const after = text.slice(otr + 4);
    if (after.startsWith('|') || after.startsWith(',')) return { kind: 'fragment', raw: text.slice(otr) };
    if (after.startsWith(':')) {
      const end = after.indexOf('.', 1);
      if (end < 0) return { kind: 'malformed', reason: 'an encoded OTR message without its closing "."' };
      const bytes = decodeBase64(after.slice(1, end));
      if (!bytes) return { kind: 'malformed', reason: 'an encoded OTR message that is not valid base64' };
      return { kind: 'encoded', bytes };
    }
    const error = text.indexOf(ERROR_PREFIX);
    if (error >= 0) return { kind: 'error', text: text.slice(error + ERROR_PREFIX.length).trim() };
    if (after.startsWith('?') || after.startsWith('v')) return { kind: 'query', versions: parseQueryVersions(after) };
  }
  const tag = findWhitespaceTag(text);
  if (tag) return { kind: 'tagged', text: tag.text, versions: tag.versions };
  return { kind: 'plaintext', text };
}
