/** Small formatting helpers shared by the views. */

/**
 * An OTR fingerprint as the groups of 8 upper-case hex digits people compare (Pidgin's
 * layout): 5 groups for OTRv3's 40 digits, 14 for OTRv4's 112.
 */
export function fingerprintGroups(hex: string): string[] {
  return hex.toUpperCase().match(/.{1,8}/g) ?? [];
}

/** Which OTR key a fingerprint belongs to, told by its length (v4's is 56 bytes, v3's 20). */
export function fingerprintVersion(hex: string): 3 | 4 {
  return hex.length === 112 ? 4 : 3;
}

/** 7 groups a row: a v4 fingerprint reads as two equal halves, a v3 one stays on one row. */
const GROUPS_PER_ROW = 7;

export function fingerprintRows(hex: string): string[][] {
  const groups = fingerprintGroups(hex);
  const rows: string[][] = [];
  for (let i = 0; i < groups.length; i += GROUPS_PER_ROW) rows.push(groups.slice(i, i + GROUPS_PER_ROW));
  return rows;
}

/** The first group and an ellipsis: enough to tell two keys apart in a sentence, never to verify one. */
export function fingerprintShort(hex: string): string {
  const first = fingerprintGroups(hex)[0] ?? '';
  return hex.length > 8 ? `${first}…` : first;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const shortTime = (ms: number): string => timeFormat.format(ms);
export const fullTime = (ms: number): string => dateTimeFormat.format(ms);
