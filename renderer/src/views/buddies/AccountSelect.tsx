/** Picks one of the accounts (for adding a buddy, joining a chat, per-account settings). */
import { useAppStore } from '../../store/app-store';

export function AccountSelect({ value, onChange, label = 'Account' }: { value: string; onChange: (accountId: string) => void; label?: string }) {
  const accounts = useAppStore((s) => s.accounts);
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.accountId} value={a.accountId}>
            {a.name} ({a.protocol === 'xmpp' ? 'XMPP' : 'IRC'}){a.state === 'online' ? '' : ` — ${a.state}`}
          </option>
        ))}
      </select>
    </label>
  );
}
