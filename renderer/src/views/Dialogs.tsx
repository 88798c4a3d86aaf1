/** Every dialog that is open, in stacking order (a certificate or an SMP request can come on top of anything). */
import { useUiStore } from '../store/ui-store';
import { AccountsDialog } from './accounts/AccountsDialog';
import { CertificateDialog } from './accounts/CertificateDialog';
import { AddBuddyDialog } from './buddies/AddBuddyDialog';
import { JoinGroupDialog } from './buddies/JoinGroupDialog';
import { ConfirmDialog } from './common/ConfirmDialog';
import { LinkConfirmDialog } from './conversations/LinkConfirmDialog';
import { KeysDialog } from './keys/KeysDialog';
import { InstancePickerDialog } from './privacy/InstancePickerDialog';
import { WhatsThisDialog } from './privacy/WhatsThisDialog';
import { PreferencesDialog } from './prefs/PreferencesDialog';
import { AuthWizard } from './wizard/AuthWizard';
import { SmpRequestDialog } from './wizard/SmpRequestDialog';

export function Dialogs() {
  const ui = useUiStore();
  const certificate = ui.certificates[0];
  return (
    <>
      {ui.accounts && <AccountsDialog />}
      {ui.preferences && <PreferencesDialog />}
      {ui.keys && <KeysDialog />}
      {ui.addBuddy && <AddBuddyDialog />}
      {ui.joinGroup && <JoinGroupDialog />}
      {ui.wizard && <AuthWizard key={ui.wizard} convKey={ui.wizard} />}
      {ui.instancePicker && <InstancePickerDialog convKey={ui.instancePicker} />}
      {ui.whatsThis && <WhatsThisDialog />}
      {ui.smpRequest && <SmpRequestDialog key={ui.smpRequest} convKey={ui.smpRequest} />}
      {certificate && <CertificateDialog key={certificate.accountId} certificate={certificate} />}
      {ui.linkToOpen && <LinkConfirmDialog url={ui.linkToOpen} />}
      {ui.confirm && <ConfirmDialog request={ui.confirm} />}
    </>
  );
}
