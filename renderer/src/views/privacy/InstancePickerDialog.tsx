/** When the buddy is signed in from several places with OTR: which one our messages go to. */
import { useState } from 'react';
import { selectInstance } from '../../actions/otr';
import { errorText } from '../../lib/errors';
import { splitKey, type ConvKey } from '../../lib/conversation-keys';
import { OTR_LABEL, otrLevel } from '../../lib/otr-view';
import { displayName } from '../../store/buddy-store';
import { useOtrStore } from '../../store/otr-store';
import { setUi } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';
import { Fingerprint } from '../common/Fingerprint';
import { FormButtons } from '../common/FormButtons';

export function InstancePickerDialog({ convKey }: { convKey: ConvKey }) {
  const { accountId, peer } = splitKey(convKey);
  const name = displayName(accountId, peer);
  const status = useOtrStore((s) => s.status[convKey]);
  const [choice, setChoice] = useState<number | 'auto'>(status?.instanceTag ?? 'auto');
  const [error, setError] = useState<string>();
  const close = () => setUi({ instancePicker: undefined });
  const instances = status?.instances ?? [];
  return (
    <Dialog title={`Where to send messages for ${name}`} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          selectInstance(convKey, choice === 'auto' ? undefined : choice)
            .then(close)
            .catch((err: unknown) => setError(errorText(err)));
        }}
      >
        <fieldset>
          <legend>
            {instances.length > 1
              ? `${name} is signed in from several places. Pick the one you are talking to:`
              : `Where your messages to ${name} go:`}
          </legend>
          <label className="radio">
            <input type="radio" name="instance" checked={choice === 'auto'} onChange={() => setChoice('auto')} />
            Automatic: private first, then a verified key, then the one that wrote last. Never moves away from a
            verified key by itself.
          </label>
          {instances.map((inst) => (
            <label key={inst.instanceTag} className="radio instance">
              <input
                type="radio"
                name="instance"
                checked={choice === inst.instanceTag}
                onChange={() => setChoice(inst.instanceTag)}
              />
              <span>
                Instance {inst.instanceTag.toString(16).padStart(8, '0')} — {OTR_LABEL[otrLevel(inst)]}
                {inst.fingerprint && <Fingerprint hex={inst.fingerprint} />}
              </span>
            </label>
          ))}
        </fieldset>
        <ErrorText text={error} />
        <FormButtons onCancel={close} submit="Use this one" />
      </form>
    </Dialog>
  );
}
