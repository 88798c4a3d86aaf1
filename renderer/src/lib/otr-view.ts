/**
 * The four OTR states as people see them. The core reports plaintext, encrypted
 * (verified or not) and finished; the UI says Not private, Unverified, Private
 * and Finished, each with its own word, colour and icon.
 */
export type OtrLevel = 'not-private' | 'unverified' | 'private' | 'finished';

export interface OtrSnapshot {
  state: 'plaintext' | 'encrypted' | 'finished';
  verified: boolean;
}

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

/** One sentence per state: the tooltip and the screen-reader description. */
export function otrExplanation(level: OtrLevel, peer: string): string {
  switch (level) {
    case 'not-private':
      return `Messages to ${peer} are not encrypted: the servers on the way can read them.`;
    case 'unverified':
      return `Messages to ${peer} are encrypted, but you have not verified that ${peer} is really who they say. Authenticate them.`;
    case 'private':
      return `Messages to ${peer} are encrypted and ${peer} is verified.`;
    case 'finished':
      return `${peer} has ended the private conversation. End it too, or start a new one, before you write anything else.`;
  }
}
