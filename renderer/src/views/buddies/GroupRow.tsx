/** A roster group's heading: folds and unfolds its buddies, says how many are online. */
import { Icon } from '../common/Icon';
import type { BuddyGroup } from './grouping';

export function GroupRow({
  group,
  folded,
  onToggle,
  tabIndex,
}: {
  group: BuddyGroup;
  folded: boolean;
  onToggle: () => void;
  tabIndex: number;
}) {
  return (
    <h3 className="group-heading">
      <button
        type="button"
        className="group-toggle"
        aria-expanded={!folded}
        data-nav-row
        onClick={onToggle}
        tabIndex={tabIndex}
      >
        <Icon name="chevron" className={folded ? '' : 'rotated'} />
        {group.name}
        <span className="group-count">
          {group.online}/{group.buddies.length} online
        </span>
      </button>
    </h3>
  );
}
