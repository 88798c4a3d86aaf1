/**
 * OTR policies (Protocol-v3, "Policies"), with libotr's bit values so that
 * settings move between Sotto and libotr-based clients unchanged.
 */
import type { ProtocolVersion } from '../wire/messages';

export interface OtrPolicy {
  allowV2: boolean;
  allowV3: boolean;
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
} as const;

export function policyFromBits(bits: number): OtrPolicy {
  return {
    allowV2: (bits & POLICY_BITS.allowV2) !== 0,
    allowV3: (bits & POLICY_BITS.allowV3) !== 0,
    requireEncryption: (bits & POLICY_BITS.requireEncryption) !== 0,
    sendWhitespaceTag: (bits & POLICY_BITS.sendWhitespaceTag) !== 0,
    whitespaceStartAke: (bits & POLICY_BITS.whitespaceStartAke) !== 0,
    errorStartAke: (bits & POLICY_BITS.errorStartAke) !== 0,
  };
}

/** The four levels users choose from, as libotr names them (plus "never"). */
export type PolicyLevel = 'never' | 'manual' | 'opportunistic' | 'always';

const VERSIONS = POLICY_BITS.allowV2 | POLICY_BITS.allowV3;
export const POLICY_LEVEL_BITS: Record<PolicyLevel, number> = {
  never: 0,
  manual: VERSIONS,
  opportunistic: VERSIONS | POLICY_BITS.sendWhitespaceTag | POLICY_BITS.whitespaceStartAke | POLICY_BITS.errorStartAke,
  always: VERSIONS | POLICY_BITS.requireEncryption | POLICY_BITS.whitespaceStartAke | POLICY_BITS.errorStartAke,
};

export function policyForLevel(level: PolicyLevel): OtrPolicy {
  return policyFromBits(POLICY_LEVEL_BITS[level]);
}

export function allowedVersions(p: OtrPolicy): ProtocolVersion[] {
  const v: ProtocolVersion[] = [];
  if (p.allowV2) v.push(2);
  if (p.allowV3) v.push(3);
  return v;
}

export function isOtrEnabled(p: OtrPolicy): boolean {
  return p.allowV2 || p.allowV3;
}

/** The best version both sides offer: 3 before 2. */
export function bestCommonVersion(p: OtrPolicy, offered: readonly number[]): ProtocolVersion | undefined {
  if (p.allowV3 && offered.includes(3)) return 3;
  if (p.allowV2 && offered.includes(2)) return 2;
  return undefined;
}

export function allowsVersion(p: OtrPolicy, version: ProtocolVersion): boolean {
  return version === 3 ? p.allowV3 : p.allowV2;
}
