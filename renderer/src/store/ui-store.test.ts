/** Dialogs, notices and certificates waiting for an answer. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  closeDialog,
  dismissNotice,
  dropCertificate,
  notify,
  openDialog,
  queueCertificate,
  setUi,
  useUiStore,
  type Certificate,
} from './ui-store';

function certificate(accountId: string, fingerprint: string): Certificate {
  return {
    accountId,
    host: 'example.org',
    fingerprint,
    subject: '',
    issuer: '',
    validFrom: '',
    validTo: '',
    reason: 'it is self-signed',
  };
}

beforeEach(() => useUiStore.setState(useUiStore.getInitialState(), true));

describe('notices', () => {
  it('keeps the five newest notices', () => {
    for (let i = 1; i <= 7; i++) notify(`n${i}`);
    expect(useUiStore.getState().notices.map((n) => n.text)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
  });

  it('makes a notice an error unless told otherwise', () => {
    notify('failed');
    notify('saved', 'info');
    expect(useUiStore.getState().notices.map((n) => n.level)).toEqual(['error', 'info']);
  });

  it('dismisses the notice by id', () => {
    notify('a');
    notify('b');
    const [first] = useUiStore.getState().notices;
    dismissNotice(first?.id ?? -1);
    expect(useUiStore.getState().notices.map((n) => n.text)).toEqual(['b']);
  });
});

describe('dialogs', () => {
  it('opens and closes a dialog by name, leaving the others', () => {
    openDialog('keys');
    openDialog('accounts');
    closeDialog('keys');
    expect(useUiStore.getState()).toMatchObject({ keys: false, accounts: true });
  });

  it('closes a conversation dialog when set to undefined', () => {
    setUi({ wizard: 'k' });
    setUi({ wizard: undefined });
    expect(useUiStore.getState().wizard).toBeUndefined();
  });
});

describe('certificates', () => {
  it('keeps one certificate per account, the newest, at the end', () => {
    queueCertificate(certificate('a', 'AA'));
    queueCertificate(certificate('b', 'BB'));
    queueCertificate(certificate('a', 'CC'));
    expect(useUiStore.getState().certificates.map((c) => `${c.accountId}:${c.fingerprint}`)).toEqual(['b:BB', 'a:CC']);
  });

  it("drops the answered account's certificate only", () => {
    queueCertificate(certificate('a', 'AA'));
    queueCertificate(certificate('b', 'BB'));
    dropCertificate('a');
    expect(useUiStore.getState().certificates.map((c) => c.accountId)).toEqual(['b']);
  });
});
