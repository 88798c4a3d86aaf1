/** Picks one of the accounts (for adding a buddy, joining a chat, per-account settings). */
import { useId } from 'react';
import { useAppStore } from '../../store/app-store';

export function AccountSelect({
  value,
  onChange,
  label = 'Account',
}: {
  value: string;
  onChange: (accountId: string) => void;
  label?: string;
}) {
  const accounts = useAppStore((s) => s.accounts);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.accountId} value={a.accountId}>
            {a.name} ({a.protocol === 'xmpp' ? 'XMPP' : 'IRC'}){a.state === 'online' ? '' : ` — ${a.state}`}
          </option>
        ))}
      </select>
    </div>
  );
}
