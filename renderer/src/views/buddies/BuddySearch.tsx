/** Filters the buddy list as you type; Esc clears it. */
import { setFilter, useBuddyStore } from '../../store/buddy-store';
import { Icon } from '../common/Icon';

export function BuddySearch() {
  const filter = useBuddyStore((s) => s.filter);
  return (
    <div className="buddy-search">
      <Icon name="search" />
      <input
        type="search"
        aria-label="Search buddies"
        placeholder="Search buddies"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && filter) {
            e.preventDefault();
            setFilter('');
          }
        }}
      />
    </div>
  );
}
