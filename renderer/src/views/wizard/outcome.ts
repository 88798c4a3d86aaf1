/** What an authentication's outcome means, and what to do next, in plain words. */
import type { SmpOutcome } from '../../store/otr-store';

export interface OutcomeText {
  tone: 'success' | 'failure' | 'neutral';
  title: string;
  body: string;
}

export function outcomeText(
  outcome: SmpOutcome,
  by: 'us' | 'them',
  peer: string,
  verifiedAfter: boolean | undefined,
): OutcomeText {
  switch (outcome) {
    case 'succeeded':
      if (by === 'us' || verifiedAfter) {
        return {
          tone: 'success',
          title: `${peer} is verified`,
          body: `The answer matched, so you are talking to ${peer} and nobody else can read this conversation. It now shows as Private, and Sotto will recognise ${peer}’s key next time.`,
        };
      }
      return {
        tone: 'success',
        title: `${peer} now knows it is you`,
        body: `Your answer matched. ${peer} has verified you, but you have not verified ${peer} yet: ask your own question to be sure it is really them.`,
      };
    case 'failed':
      return {
        tone: 'failure',
        title: 'Authentication failed',
        body:
          by === 'us'
            ? `The answer did not match. Either ${peer} answered differently (answers must match exactly, capitals and spaces included), or you are not talking to ${peer}. Keep the conversation Unverified; try again with a question only ${peer} can answer, or compare fingerprints by phone or in person.`
            : `Your answer did not match what ${peer} expected (answers must match exactly, capitals and spaces included). ${peer} cannot be sure it is you. Agree on the answer another way and try again.`,
      };
    case 'aborted':
      return {
        tone: 'neutral',
        title: 'Authentication cancelled',
        body: `The authentication was cancelled before it finished. Nothing changed: ${peer} is as verified as before. You can start again at any time.`,
      };
    case 'cheated':
      return {
        tone: 'failure',
        title: 'Authentication stopped',
        body: `${peer}’s client sent invalid data during the authentication. This can be a bug or an attack. Treat the conversation as Unverified and compare fingerprints another way.`,
      };
    case 'error':
      return {
        tone: 'failure',
        title: 'Authentication could not finish',
        body: `Something went wrong during the authentication (see the conversation for details). Nothing changed; try again.`,
      };
  }
}
