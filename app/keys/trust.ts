/**
 * What a buddy's fingerprint means to the user: new, known but unverified,
 * verified, or changed (the buddy had another key before). 'changed' is the loud
 * one: someone may be in the middle, so a new key for a known buddy is never
 * trusted on its own. Also the mapping between Sotto's trust levels and libotr's
 * free-text trust field.
 */

/** How a fingerprint came to be trusted, if it is. */
export type Trust = 'unverified' | 'verified-manually' | 'verified-smp';

export const TRUST_LEVELS: readonly Trust[] = ['unverified', 'verified-manually', 'verified-smp'];

/**
 * - `new`: the first fingerprint ever seen for this buddy;
 * - `known-unverified`: seen before, never verified;
 * - `verified`: verified by hand or by SMP;
 * - `changed`: the buddy had other fingerprints and this one is not among them.
 */
export type FingerprintStatus = 'new' | 'known-unverified' | 'verified' | 'changed';

export interface FingerprintTrust {
  /** 40 lower-case hex digits. */
  readonly fingerprint: string;
  readonly trust: Trust;
}

/** The status of `fingerprint` given every fingerprint known for the same buddy. */
export function fingerprintStatus(knownForBuddy: readonly FingerprintTrust[], fingerprint: string): FingerprintStatus {
  const match = knownForBuddy.find((k) => k.fingerprint === fingerprint);
  if (match) return match.trust === 'unverified' ? 'known-unverified' : 'verified';
  return knownForBuddy.length === 0 ? 'new' : 'changed';
}

export const isVerified = (trust: Trust): boolean => trust !== 'unverified';

/** Ranks trust so that merging two records never lowers it. */
export const trustRank = (trust: Trust): number => TRUST_LEVELS.indexOf(trust);

/**
 * libotr trusts any non-empty trust text. libotr writes "smp" after a successful
 * SMP and Pidgin "verified" when the user confirms by hand; any other non-empty
 * text (other clients' words) counts as verified by hand.
 */
export function trustFromLibotr(text: string): Trust {
  if (text === '') return 'unverified';
  return text === 'smp' ? 'verified-smp' : 'verified-manually';
}

export function trustToLibotr(trust: Trust): string {
  switch (trust) {
    case 'unverified':
      return '';
    case 'verified-manually':
      return 'verified';
    case 'verified-smp':
      return 'smp';
  }
}

/**
 * A fingerprint as 40 lower-case hex digits, from 20 bytes, 40 hex digits, or the
 * five groups of eight users read ("8A7C9E2F 1B3D…"). Throws a RangeError otherwise.
 */
export function normalizeFingerprint(fp: string | Uint8Array): string {
  if (fp instanceof Uint8Array) {
    if (fp.length !== 20) throw new RangeError(`a fingerprint has 20 bytes, not ${fp.length}`);
    return Buffer.from(fp).toString('hex');
  }
  if (typeof fp !== 'string') throw new RangeError('a fingerprint is a string or 20 bytes');
  const hex = fp.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) throw new RangeError('a fingerprint is 40 hex digits');
  return hex.toLowerCase();
}
