/**
 * The system lines a conversation shows for what OTR did, worded as Pidgin's
 * OTR plugin words them where people already know them, and plainer elsewhere.
 */
import type { OtrEvent } from '../../otr';
import type { FingerprintStatus } from '../keys';

export interface LineNote {
  level: 'info' | 'warning' | 'error';
  text: string;
  /** It tells what travelled inside OTR (an SMP question): kept only where private lines are. */
  private?: boolean;
}

const login = (tag: number) => `instance ${tag.toString(16).padStart(8, '0')}`;
const messages = (n: number) => (n === 1 ? 'A message' : `${n} messages`);

export function describeOtrEvent(peer: string, e: OtrEvent, verdict?: FingerprintStatus): LineNote[] {
  switch (e.type) {
    case 'gone-secure':
      if (!verdict) return [];
      if (e.refreshed)
        return [{ level: 'info', text: `Successfully refreshed the private conversation with ${peer}.` }];
      if (verdict === 'changed') {
        return [
          {
            level: 'error',
            text: `${peer}'s key has CHANGED since your last private conversation. This may be a new device, or someone pretending to be ${peer}. Authenticate ${peer} before you say anything private.`,
          },
        ];
      }
      if (verdict === 'verified')
        return [{ level: 'info', text: `Private conversation with ${peer} started${v4Mark(e.version)}.` }];
      return [
        {
          level: 'warning',
          text: `Unverified conversation with ${peer} started${v4Mark(e.version)}. Authenticate ${peer} to be sure you are talking to them.`,
        },
      ];
    case 'peer-ended':
      return [
        { level: 'warning', text: `${peer} has ended their private conversation with you; you should do the same.` },
      ];
    case 'gone-plaintext':
      return [{ level: 'info', text: `Private conversation with ${peer} ended.` }];
    case 'held-expired':
      return [
        {
          level: 'error',
          text: `${e.ids.length === 1 ? 'A message was' : `${e.ids.length} messages were`} not sent: the conversation with ${peer} did not become private in time.`,
        },
      ];
    case 'ake-no-answer':
      return [
        {
          level: 'warning',
          text: `${peer} did not answer the request for a private conversation. Their client probably does not support OTR.`,
        },
      ];
    case 'not-sent':
      return [{ level: 'error', text: `Not sent: ${e.reason}.` }];
    case 'received-unencrypted':
      return [{ level: 'warning', text: `The following message from ${peer} was NOT encrypted.` }];
    case 'unreadable': {
      const more = e.suppressed ? ` ${e.suppressed} more could not be read since the last such message.` : '';
      return [
        {
          level: 'warning',
          text: `An encrypted message from ${peer} could not be read (${e.reason}); their client was told, and can start the private conversation again.${more}`,
        },
      ];
    }
    case 'offer-declined':
      return [
        {
          level: 'info',
          text: `${peer} answered without OTR: their client probably does not support private conversations. This conversation is not private.`,
        },
      ];
    case 'resent':
      return [
        {
          level: 'info',
          text: `${messages(e.ids.length)} ${peer} could not read ${e.ids.length === 1 ? 'was' : 'were'} sent again, encrypted.`,
        },
      ];
    case 'not-resent':
      return [
        {
          level: 'error',
          text: `${messages(e.ids.length)} ${peer} could not read ${e.ids.length === 1 ? 'was' : 'were'} not sent again: ${e.reason}. Authenticate ${peer} before you repeat it.`,
        },
      ];
    case 'held-waiting':
      return [
        {
          level: 'warning',
          text: `${peer} answered from ${login(e.instanceTag)}, with a key you have not verified. Your waiting messages are kept for their verified key; to send them there instead, choose it with "Pick instance…" in the OTR menu.`,
        },
      ];
    case 'instance-withheld':
      return [
        {
          level: 'warning',
          text: `${peer} is also private with you from ${login(e.instanceTag)}, with a key you have not verified. Your messages still go to their verified ${login(e.current)}; choose another with "Pick instance…" in the OTR menu if you trust it.`,
        },
      ];
    case 'instance-switched':
      return [{ level: 'info', text: `Your messages to ${peer} now go to their ${login(e.to)}.` }];
    case 'malformed':
      return [{ level: 'warning', text: `A malformed OTR message from ${peer} was dropped (${e.reason}).` }];
    case 'peer-error':
      return [{ level: 'warning', text: `OTR error from ${peer}: ${e.text}` }];
    case 'message-held':
    case 'held-sent':
    case 'for-other-instance':
    case 'replayed':
    case 'ake-ignored':
    case 'heartbeat-sent':
    case 'tlvs':
    case 'extra-key':
      return [];
    case 'smp':
      return describeSmp(peer, e);
  }
}

function describeSmp(peer: string, e: Extract<OtrEvent, { type: 'smp' }>): LineNote[] {
  switch (e.kind) {
    case 'asked-for-secret':
      return [{ level: 'info', text: `${peer} wants to authenticate you with a shared secret.` }];
    case 'asked-for-answer':
      return [{ level: 'info', text: `${peer} wants to authenticate you and asks: ${e.question}`, private: true }];
    case 'in-progress':
      return [];
    case 'succeeded':
      return [
        {
          level: 'info',
          text: e.markVerified
            ? `Authentication succeeded: ${peer} is verified.`
            : `Authentication succeeded: ${peer} now knows it is you. Ask your own question to verify ${peer} too.`,
        },
      ];
    case 'failed':
      return [
        {
          level: 'error',
          text: `Authentication of ${peer} failed: the answers did not match. You may be talking to someone else, or one of you mistyped; try again.`,
        },
      ];
    case 'aborted':
      return [
        {
          level: 'warning',
          text: e.by === 'us' ? `Authentication of ${peer} cancelled.` : `${peer} cancelled the authentication.`,
        },
      ];
    case 'cheated':
      return [
        { level: 'error', text: `Authentication with ${peer} stopped: their client sent invalid data (${e.reason}).` },
      ];
    case 'error':
      return [{ level: 'warning', text: `Authentication with ${peer}: ${e.reason}.` }];
  }
}

/** v3 lines stay as libotr's; a v4 session says so, the newer protocol being worth knowing. */
function v4Mark(version: number): string {
  return version === 4 ? ' (OTR v4)' : '';
}
