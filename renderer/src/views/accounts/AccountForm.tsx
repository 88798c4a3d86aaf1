/**
 * Adding or editing an account. After adding, it connects at once (unless told
 * not to) and shows why it could not, in words: a wrong password says so.
 */
import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../../app/api/shapes';
import { addAccount, connectAccount, updateAccount } from '../../actions/accounts';
import { connectErrorText, errorText } from '../../lib/errors';
import { useAppStore } from '../../store/app-store';
import { ErrorText } from '../common/ErrorText';
import { FormButtons } from '../common/FormButtons';
import { IrcFields, XmppFields } from './AccountFields';
import { EMPTY_FORM, toAddParams, toUpdateParams, type AccountFormState } from './account-form-state';

interface Props {
  /** Editing this account; adding a new one when absent. */
  account?: AccountSummary | undefined;
  /** `added`: a new account is saved and connected (the dialog can close). */
  onDone: (added: boolean) => void;
}

export function AccountForm({ account, onDone }: Props) {
  // Editing starts from what the account has now (the core reports host, port and TLS).
  const [form, setForm] = useState<AccountFormState>({
    ...EMPTY_FORM,
    protocol: account?.protocol ?? 'xmpp',
    autoConnect: account?.autoConnect ?? true,
    ...(account?.host ? { host: account.host } : {}),
    ...(account?.port ? { port: String(account.port) } : {}),
    ...(typeof account?.tls === 'string' ? { xmppTls: account.tls } : {}),
    ...(typeof account?.tls === 'boolean' ? { ircTls: account.tls } : {}),
  });
  const [error, setError] = useState<string>();
  const [warnings, setWarnings] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  /** Added in this form but not connected: the next submit corrects it instead of adding it again. */
  const [saved, setSaved] = useState<{ accountId: string; name: string; protocol: 'xmpp' | 'irc' }>();
  // Connected by another way meanwhile (a certificate accepted in its own dialog): done.
  const savedOnline = useAppStore(
    (s) => saved !== undefined && s.accounts.some((a) => a.accountId === saved.accountId && a.state === 'online'),
  );
  useEffect(() => {
    if (savedOnline) onDone(true);
  }, [savedOnline, onDone]);
  const set = (patch: Partial<AccountFormState>) => setForm((f) => ({ ...f, ...patch }));
  const editing = Boolean(account);

  const submit = async () => {
    setError(undefined);
    const existing = account ?? saved;
    const params = existing ? toUpdateParams(existing.accountId, existing.protocol, form) : toAddParams(form);
    if (typeof params === 'string') return setError(params);
    let accountId = existing?.accountId;
    let name = existing?.name ?? '';
    try {
      setBusy('Saving…');
      if ('protocol' in params) {
        const added = await addAccount(params);
        accountId = added.accountId;
        name = params.protocol === 'xmpp' ? params.jid : `${params.nick}@${params.host}`;
        setSaved({ accountId: added.accountId, name, protocol: params.protocol });
        setWarnings(added.warnings);
      } else await updateAccount(params);
    } catch (err) {
      setBusy(undefined);
      return setError(errorText(err));
    }
    if (!form.connectNow || !accountId) {
      setBusy(undefined);
      return onDone(!account);
    }
    try {
      setBusy('Connecting…');
      await connectAccount(accountId);
      setBusy(undefined);
      onDone(!account);
    } catch (err) {
      setBusy(undefined);
      // The account is saved: the error says what to fix, and the form stays for editing.
      setError(connectErrorText(errorText(err), name));
    }
  };

  return (
    <form
      className="account-form"
      aria-label={editing ? `Edit ${account?.name}` : 'Add an account'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {saved && (
        <p className="hint">
          {saved.name} is saved. Correct what is wrong below and press Connect again, or close this form and fix it
          later.
        </p>
      )}
      {!editing && !saved && (
        <fieldset className="protocol-choice">
          <legend>Network</legend>
          <label className="radio">
            <input
              type="radio"
              name="protocol"
              checked={form.protocol === 'xmpp'}
              onChange={() => set({ protocol: 'xmpp' })}
            />
            XMPP (Jabber)
          </label>
          <label className="radio">
            <input
              type="radio"
              name="protocol"
              checked={form.protocol === 'irc'}
              onChange={() => set({ protocol: 'irc' })}
            />
            IRC
          </label>
        </fieldset>
      )}
      {form.protocol === 'xmpp' ? (
        <XmppFields form={form} set={set} editing={editing || Boolean(saved)} />
      ) : (
        <IrcFields form={form} set={set} editing={editing || Boolean(saved)} />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={form.autoConnect} onChange={(e) => set({ autoConnect: e.target.checked })} />
        Connect when Sotto starts
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={form.connectNow} onChange={(e) => set({ connectNow: e.target.checked })} />
        Connect now
      </label>
      <ErrorText text={error} testId="account-form-error" />
      {warnings.map((w) => (
        <p key={w} className="hint warning-text">
          {w}
        </p>
      ))}
      {busy && (
        <p role="status" className="muted">
          {busy}
        </p>
      )}
      <FormButtons
        onCancel={() => onDone(false)}
        cancel={error && !editing ? 'Close' : 'Cancel'}
        submit={editing ? 'Save' : saved ? 'Connect again' : 'Add account'}
        disabled={Boolean(busy)}
      />
    </form>
  );
}
