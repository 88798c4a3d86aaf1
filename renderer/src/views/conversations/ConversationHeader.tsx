/** Above a conversation: who, their presence, and the OTR button (or, for a group, that it is not private). */
import type { Conversation } from '../../store/conversation-store';
import { useBuddyStore } from '../../store/buddy-store';
import { PresenceIcon } from '../buddies/PresenceIcon';
import { GroupNotPrivate, OtrButton } from '../privacy/OtrButton';
import { GroupMembers } from './GroupMembers';

export function ConversationHeader({ conv, name }: { conv: Conversation; name: string }) {
  const buddy = useBuddyStore((s) => s.buddies[conv.key]);
  return (
    <header className="conversation-header">
      <div className="conversation-title">
        {buddy && <PresenceIcon availability={buddy.presence.availability} />}
        <h2 data-testid="conversation-title">{name}</h2>
        {name !== conv.peer && <span className="muted">{conv.peer}</span>}
        {buddy?.presence.status && <span className="conversation-status">“{buddy.presence.status}”</span>}
        {conv.kind === 'group' && conv.members && <GroupMembers members={conv.members} />}
      </div>
      {conv.kind === 'group' ? <GroupNotPrivate /> : <OtrButton convKey={conv.key} peerName={name} />}
    </header>
  );
}
