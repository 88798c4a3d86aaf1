/** Who is in a group chat: a count that opens into the list (a native disclosure: keyboard and screen readers know it). */
export function GroupMembers({ members }: { members: readonly string[] }) {
  const sorted = [...members].sort((a, b) => a.localeCompare(b));
  return (
    <details className="group-members" data-testid="group-members">
      <summary>
        {members.length} {members.length === 1 ? 'person' : 'people'}
      </summary>
      <ul aria-label="People in this group chat">
        {sorted.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </details>
  );
}
