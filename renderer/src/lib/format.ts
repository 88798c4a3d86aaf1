/** Small formatting helpers shared by the views. */

/** A 40-digit OTR fingerprint as the 5 groups of 8 people compare (Pidgin's layout). */
export function fingerprintGroups(hex: string): string[] {
  return hex.toUpperCase().match(/.{1,8}/g) ?? [];
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const shortTime = (ms: number): string => timeFormat.format(ms);
export const fullTime = (ms: number): string => dateTimeFormat.format(ms);
