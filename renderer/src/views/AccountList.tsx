import { useAppStore } from '../store/app-store';

export function AccountList() {
  const accounts = useAppStore((s) => s.accounts);
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">Accounts</h2>
      {accounts.length === 0 ? (
        <p data-testid="no-accounts">No accounts yet.</p>
      ) : (
        <ul aria-label="Accounts">
          {accounts.map((a) => (
            <li key={a.accountId}>
              {a.name} <span className="muted">({a.protocol}, {a.state})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
