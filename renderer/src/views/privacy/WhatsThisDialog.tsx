/** "What's this?": the four states and authentication in a few plain sentences. */
import { closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { Icon } from '../common/Icon';
import { OTR_ICON } from './OtrButton';

const STATES = [
  {
    level: 'not-private',
    title: 'Not private',
    text: 'Messages travel unencrypted: your server, your buddy’s server and anyone in between can read them.',
  },
  {
    level: 'unverified',
    title: 'Unverified',
    text: 'Messages are encrypted, but you have not yet made sure who is at the other end. Someone could be pretending to be your buddy. Authenticate them.',
  },
  {
    level: 'private',
    title: 'Private',
    text: 'Messages are encrypted and you have verified your buddy. Only they can read what you write, and nobody can later prove what either of you said.',
  },
  {
    level: 'finished',
    title: 'Finished',
    text: 'Your buddy ended the private conversation. What you type now would not be sent until you end it too or start a new one.',
  },
] as const;

export function WhatsThisDialog() {
  const close = () => closeDialog('whatsThis');
  return (
    <Dialog title="Private conversations (OTR)" onClose={close} testId="whats-this">
      <p>
        Sotto encrypts one-to-one conversations with Off-the-Record messaging (OTR) whenever your buddy’s client
        supports it. The button above each conversation says how private it is:
      </p>
      <dl className="otr-states">
        {STATES.map((s) => (
          <div key={s.level} className={`otr-state otr-${s.level}`}>
            <dt>
              <Icon name={OTR_ICON[s.level]} />
              {s.title}
            </dt>
            <dd>{s.text}</dd>
          </div>
        ))}
      </dl>
      <p>
        <strong>Authenticating</strong> your buddy takes a minute: ask a question only they can answer, use a secret you
        agreed on, or compare fingerprints by phone. You do it once per buddy and device.
      </p>
      <p>
        Beside the state, the button names the OTR version: <strong>OTR v4</strong> is the newer protocol, with stronger
        keys; <strong>OTR v3</strong> is the one most clients speak. A buddy’s v4 key is verified on its own, even if
        you verified their v3 key before.
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={close}>
          Got it
        </button>
      </div>
    </Dialog>
  );
}
