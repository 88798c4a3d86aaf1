/**
 * Which dialogs are open and the notices shown to the user. Dialogs stack
 * (a certificate can arrive while the Accounts dialog is open), so each has its own field.
 */
import { create } from 'zustand';
import type { EventPayload } from '../../../app/api/contract';
import type { ConvKey } from '../lib/conversation-keys';

export type Certificate = EventPayload<'account.certificate'>;
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
}
export interface Notice {
  id: number;
  level: 'info' | 'error';
  text: string;
}

interface UiState {
  accounts: boolean;
  preferences: boolean;
  keys: boolean;
  addBuddy: boolean;
  joinGroup: boolean;
  whatsThis: boolean;
  // Each is set to undefined when its dialog closes.
  wizard?: ConvKey | undefined;
  smpRequest?: ConvKey | undefined;
  instancePicker?: ConvKey | undefined;
  linkToOpen?: string | undefined;
  confirm?: ConfirmRequest | undefined;
  certificates: Certificate[];
  notices: Notice[];
}

export type DialogName = 'accounts' | 'preferences' | 'keys' | 'addBuddy' | 'joinGroup' | 'whatsThis';

export const useUiStore = create<UiState>(() => ({
  accounts: false,
  preferences: false,
  keys: false,
  addBuddy: false,
  joinGroup: false,
  whatsThis: false,
  certificates: [],
  notices: [],
}));

export function openDialog(name: DialogName): void {
  useUiStore.setState({ [name]: true });
}

export function closeDialog(name: DialogName): void {
  useUiStore.setState({ [name]: false });
}

export function setUi(
  patch: Partial<Pick<UiState, 'wizard' | 'smpRequest' | 'instancePicker' | 'linkToOpen' | 'confirm'>>,
): void {
  useUiStore.setState(patch);
}

let nextNotice = 1;

export function notify(text: string, level: Notice['level'] = 'error'): void {
  const notice = { id: nextNotice++, level, text };
  useUiStore.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }));
}

export function dismissNotice(id: number): void {
  useUiStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function queueCertificate(c: Certificate): void {
  useUiStore.setState((s) => ({ certificates: [...s.certificates.filter((x) => x.accountId !== c.accountId), c] }));
}

export function dropCertificate(accountId: string): void {
  useUiStore.setState((s) => ({ certificates: s.certificates.filter((c) => c.accountId !== accountId) }));
}

/** Asks before something that cannot be undone. */
export function askConfirm(request: ConfirmRequest): void {
  useUiStore.setState({ confirm: request });
}
