/**
 * OTR policies (Protocol-v3, "Policies"), with libotr's bit values so that
 * settings move between Sotto and libotr-based clients unchanged; OTRv4
 * ("Policies": ALLOW_V4) gets a bit libotr does not use.
 */

/** A protocol version a conversation can speak. */
export type OtrVersion = 2 | 3 | 4;

export interface OtrPolicy {
  allowV2: boolean;
  allowV3: boolean;
  allowV4: boolean;
  requireEncryption: boolean;
  sendWhitespaceTag: boolean;
  whitespaceStartAke: boolean;
  errorStartAke: boolean;
}

export const POLICY_BITS = {
  allowV1: 0x01,
  allowV2: 0x02,
  allowV3: 0x04,
  requireEncryption: 0x08,
  sendWhitespaceTag: 0x10,
  whitespaceStartAke: 0x20,
  errorStartAke: 0x40,
  allowV4: 0x100,
} as const;

export function policyFromBits(bits: number): OtrPolicy {
  return {
    allowV2: (bits & POLICY_BITS.allowV2) !== 0,
    allowV3: (bits & POLICY_BITS.allowV3) !== 0,
    allowV4: (bits & POLICY_BITS.allowV4) !== 0,
    requireEncryption: (bits & POLICY_BITS.requireEncryption) !== 0,
    sendWhitespaceTag: (bits & POLICY_BITS.sendWhitespaceTag) !== 0,
    whitespaceStartAke: (bits & POLICY_BITS.whitespaceStartAke) !== 0,
    errorStartAke: (bits & POLICY_BITS.errorStartAke) !== 0,
  };
}

/**
 * The levels users choose from, as libotr names them (plus "never"), and
 * "require-v4": always private, and only with OTRv4, for a buddy known to speak it.
 */
export type PolicyLevel = 'never' | 'manual' | 'opportunistic' | 'always' | 'require-v4';

const VERSIONS = POLICY_BITS.allowV2 | POLICY_BITS.allowV3 | POLICY_BITS.allowV4;
const ALWAYS = POLICY_BITS.requireEncryption | POLICY_BITS.whitespaceStartAke | POLICY_BITS.errorStartAke;
export const POLICY_LEVEL_BITS: Record<PolicyLevel, number> = {
  never: 0,
  manual: VERSIONS,
  opportunistic: VERSIONS | POLICY_BITS.sendWhitespaceTag | POLICY_BITS.whitespaceStartAke | POLICY_BITS.errorStartAke,
  always: VERSIONS | ALWAYS,
  'require-v4': POLICY_BITS.allowV4 | ALWAYS,
};

export function policyForLevel(level: PolicyLevel): OtrPolicy {
  return policyFromBits(POLICY_LEVEL_BITS[level]);
}

export function allowedVersions(p: OtrPolicy): OtrVersion[] {
  const v: OtrVersion[] = [];
  if (p.allowV2) v.push(2);
  if (p.allowV3) v.push(3);
  if (p.allowV4) v.push(4);
  return v;
}

export function isOtrEnabled(p: OtrPolicy): boolean {
  return p.allowV2 || p.allowV3 || p.allowV4;
}

/** The best version both sides offer: the highest ("Establishing Versions"). */
export function bestCommonVersion(p: OtrPolicy, offered: readonly number[]): OtrVersion | undefined {
  if (p.allowV4 && offered.includes(4)) return 4;
  if (p.allowV3 && offered.includes(3)) return 3;
  if (p.allowV2 && offered.includes(2)) return 2;
  return undefined;
}

export function allowsVersion(p: OtrPolicy, version: OtrVersion): boolean {
  return version === 4 ? p.allowV4 : version === 3 ? p.allowV3 : p.allowV2;
}

/** The policy without version 4: for a conversation whose account has no v4 keys. */
export function withoutV4(p: OtrPolicy): OtrPolicy {
  return p.allowV4 ? { ...p, allowV4: false } : p;
}
