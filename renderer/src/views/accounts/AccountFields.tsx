/** The fields of an XMPP or an IRC account. */
import { useId } from 'react';
import type { AccountFormState, XmppTls } from './account-form-state';

interface Props {
  form: AccountFormState;
  set: (patch: Partial<AccountFormState>) => void;
  editing: boolean;
}

export function XmppFields({ form, set, editing }: Props) {
  const tlsId = useId();
  return (
    <>
      {!editing && (
        <label className="field">
          <span>Address (JID)</span>
          <input
            type="text"
            value={form.jid}
            onChange={(e) => set({ jid: e.target.value })}
            placeholder="alice@example.org"
            autoComplete="username"
            required
            data-autofocus
          />
        </label>
      )}
      <label className="field">
        <span>{editing ? 'New password (leave empty to keep the current one)' : 'Password'}</span>
        <input
          type="password"
          value={form.password}
          onChange={(e) => set({ password: e.target.value })}
          autoComplete={editing ? 'new-password' : 'current-password'}
          required={!editing}
        />
      </label>
      <details className="advanced" open={editing}>
        <summary>Server settings (optional)</summary>
        <label className="field">
          <span>Server {editing ? '' : '(if not the part after @)'}</span>
          <input
            type="text"
            value={form.host}
            onChange={(e) => set({ host: e.target.value })}
            placeholder="xmpp.example.org"
          />
        </label>
        <label className="field">
          <span>Port</span>
          <input
            type="text"
            inputMode="numeric"
            value={form.port}
            onChange={(e) => set({ port: e.target.value })}
            placeholder="5222"
          />
        </label>
        <div className="field">
          <label htmlFor={tlsId}>Connection security</label>
          <select
            id={tlsId}
            value={form.xmppTls}
            onChange={(e) => set({ xmppTls: e.target.value as XmppTls, tlsChanged: true })}
          >
            <option value="starttls">STARTTLS (recommended)</option>
            <option value="direct">Direct TLS</option>
            <option value="none">None: unencrypted (only for a server on this computer)</option>
          </select>
        </div>
      </details>
    </>
  );
}

export function IrcFields({ form, set, editing }: Props) {
  const tlsId = useId();
  return (
    <>
      {!editing && (
        <label className="field">
          <span>Nickname</span>
          <input
            type="text"
            value={form.nick}
            onChange={(e) => set({ nick: e.target.value })}
            placeholder="alice"
            autoComplete="username"
            required
            data-autofocus
          />
        </label>
      )}
      <label className="field">
        <span>Server</span>
        <input
          type="text"
          value={form.host}
          onChange={(e) => set({ host: e.target.value })}
          placeholder="irc.libera.chat"
          required={!editing}
        />
      </label>
      <label className="field">
        <span>Port</span>
        <input
          type="text"
          inputMode="numeric"
          value={form.port}
          onChange={(e) => set({ port: e.target.value })}
          placeholder={form.ircTls ? '6697' : '6667'}
        />
      </label>
      {editing ? (
        <div className="field">
          <label htmlFor={tlsId}>Connection security</label>
          <select
            id={tlsId}
            value={String(form.ircTls)}
            onChange={(e) => set({ ircTls: e.target.value === 'true', tlsChanged: true })}
          >
            <option value="true">TLS</option>
            <option value="false">None: unencrypted</option>
          </select>
        </div>
      ) : (
        <label className="checkbox">
          <input type="checkbox" checked={form.ircTls} onChange={(e) => set({ ircTls: e.target.checked })} />
          Use TLS (encrypt the connection to the server)
        </label>
      )}
      <label className="field">
        <span>{editing ? 'New password (leave empty to keep it)' : 'Password (optional)'}</span>
        <input
          type="password"
          value={form.password}
          onChange={(e) => set({ password: e.target.value })}
          autoComplete="current-password"
        />
      </label>
    </>
  );
}
