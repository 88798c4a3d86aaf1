/**
 * What a buddy's fingerprint means to the user: new, known but unverified,
 * verified, or changed (the buddy had another key before). 'changed' is the loud
 * one: someone may be in the middle, so a new key for a known buddy is never
 * trusted on its own. Also the mapping between Sotto's trust levels and libotr's
 * free-text trust field.
 *
 * OTRv3 fingerprints (40 hex digits, of a DSA key) and OTRv4 ones (112, of the
 * Ed448 identity and forging keys) live side by side, and each version is judged
 * only against its own: a buddy's keys of the two versions are different keys
 * that no protocol ties together, so a verified v3 key says nothing of a v4 one,
 * and a buddy's first v4 key is 'new', not 'changed' (everyone who moves to v4
 * would otherwise raise the key-changed alarm once, and a warning that always
 * fires teaches users to ignore it). The transitional signature of the v4
 * profile by the buddy's v3 key is shown beside it, never counted as trust.
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
  /** 40 (OTRv3) or 112 (OTRv4) lower-case hex digits. */
  readonly fingerprint: string;
  readonly trust: Trust;
}

/** The OTR version a normalized fingerprint belongs to: the length tells. */
export const fingerprintVersion = (fingerprint: string): 3 | 4 => (fingerprint.length === 112 ? 4 : 3);

/** The status of `fingerprint` given every fingerprint known for the same buddy, of either version. */
export function fingerprintStatus(knownForBuddy: readonly FingerprintTrust[], fingerprint: string): FingerprintStatus {
  const match = knownForBuddy.find((k) => k.fingerprint === fingerprint);
  if (match) return match.trust === 'unverified' ? 'known-unverified' : 'verified';
  const version = fingerprintVersion(fingerprint);
  return knownForBuddy.some((k) => fingerprintVersion(k.fingerprint) === version) ? 'changed' : 'new';
}

/** The buddy used another key of the same version before, and this one is not verified. */
export function keyChanged(knownForBuddy: readonly FingerprintTrust[], fingerprint: string): boolean {
  const status = fingerprintStatus(knownForBuddy, fingerprint);
  if (status === 'verified' || status === 'new') return false;
  const version = fingerprintVersion(fingerprint);
  return knownForBuddy.some((k) => k.fingerprint !== fingerprint && fingerprintVersion(k.fingerprint) === version);
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
 * A fingerprint as lower-case hex digits, 40 for OTRv3 and 112 for OTRv4, from 20 or
 * 56 bytes, hex, or the groups of eight users read ("8A7C9E2F 1B3D…"). Throws a
 * RangeError otherwise.
 */
export function normalizeFingerprint(fp: string | Uint8Array): string {
  if (fp instanceof Uint8Array) {
    if (fp.length !== 20 && fp.length !== 56)
      throw new RangeError(`a fingerprint has 20 (OTRv3) or 56 (OTRv4) bytes, not ${fp.length}`);
    return Buffer.from(fp).toString('hex');
  }
  if (typeof fp !== 'string') throw new RangeError('a fingerprint is a string or 20 or 56 bytes');
  const hex = fp.replace(/[\s:]/g, '');
  if (!/^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{112})$/.test(hex))
    throw new RangeError('a fingerprint is 40 (OTRv3) or 112 (OTRv4) hex digits');
  return hex.toLowerCase();
}
