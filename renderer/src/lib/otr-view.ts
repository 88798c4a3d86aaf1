/**
 * The four OTR states as people see them. The core reports plaintext, encrypted
 * (verified or not) and finished; the UI says Not private, Unverified, Private
 * and Finished, each with its own word, colour and icon.
 */
import type { OtrStatus } from '../../../app/api/shapes';

export type OtrLevel = 'not-private' | 'unverified' | 'private' | 'finished';

export interface OtrSnapshot {
  state: 'plaintext' | 'encrypted' | 'finished';
  verified: boolean;
}

/** The OTR protocol version of a private (or finished) conversation, when the core says. */
export type OtrVersion = NonNullable<OtrStatus['version']>;

export function otrLevel(s: OtrSnapshot | undefined): OtrLevel {
  if (!s || s.state === 'plaintext') return 'not-private';
  if (s.state === 'finished') return 'finished';
  return s.verified ? 'private' : 'unverified';
}

export const OTR_LABEL: Record<OtrLevel, string> = {
  'not-private': 'Not private',
  unverified: 'Unverified',
  private: 'Private',
  finished: 'Finished',
};

/**
 * The state's word with the protocol version beside it ("Private (OTR v4)"): v3 and
 * v4 differ in what they protect (v4 has deniability against a participant, and
 * offline messages), so the version is part of the state at a glance. A conversation
 * that is not private has no version to speak of.
 */
export function otrLabel(level: OtrLevel, version: OtrVersion | undefined): string {
  if (level === 'not-private' || version === undefined) return OTR_LABEL[level];
  return `${OTR_LABEL[level]} (OTR v${version})`;
}

/** One sentence per state: the tooltip and the screen-reader description. */
export function otrExplanation(level: OtrLevel, peer: string, version?: OtrVersion): string {
  const withVersion = version === undefined ? '' : ` with OTR version ${version}`;
  switch (level) {
    case 'not-private':
      return `Messages to ${peer} are not encrypted: the servers on the way can read them.`;
    case 'unverified':
      return `Messages to ${peer} are encrypted${withVersion}, but you have not verified that ${peer} is really who they say. Authenticate them.`;
    case 'private':
      return `Messages to ${peer} are encrypted${withVersion} and ${peer} is verified.`;
    case 'finished':
      return `${peer} has ended the private conversation. End it too, or start a new one, before you write anything else.`;
  }
}
