/** Preferences: OTR policies, logging, notifications, theme. */
import { closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { GeneralPrefs } from './GeneralPrefs';
import { OtrPolicyPrefs } from './OtrPolicyPrefs';

export function PreferencesDialog() {
  const close = () => closeDialog('preferences');
  return (
    <Dialog title="Preferences" onClose={close} className="wide" testId="preferences">
      <div className="prefs">
        <OtrPolicyPrefs />
        <GeneralPrefs />
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
