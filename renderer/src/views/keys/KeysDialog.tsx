/** Keys and fingerprints: mine, my buddies', and Pidgin import/export. */
import { closeDialog } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';
import { ImportExport } from './ImportExport';
import { KnownFingerprints } from './KnownFingerprints';
import { MyKeys } from './MyKeys';

export function KeysDialog() {
  const close = () => closeDialog('keys');
  return (
    <Dialog title="Keys and fingerprints" onClose={close} className="wide" testId="keys-dialog">
      <MyKeys />
      <KnownFingerprints />
      <ImportExport />
      <div className="button-row">
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
