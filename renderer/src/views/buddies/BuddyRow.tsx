/** One buddy: presence icon, name, status message, unread count; Enter opens the conversation, the menu holds the rest. */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Buddy } from '../../../../app/api/shapes';
import { attempt, fire } from '../../actions/attempt';
import { removeBuddy } from '../../actions/buddies';
import { openConversation } from '../../actions/conversations';
import { convKey } from '../../lib/conversation-keys';
import { useConversationStore } from '../../store/conversation-store';
import { askConfirm, setUi } from '../../store/ui-store';
import { Menu } from '../common/Menu';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { PresenceIcon } from './PresenceIcon';
import { AVAILABILITY_LABEL } from './presence';

/** Inside a list item of ./BuddyTree, which owns the keyboard's Tab stop (`tabIndex`). */
export function BuddyRow({ buddy, showAccount, tabIndex }: { buddy: Buddy; showAccount: boolean; tabIndex: number }) {
  const key = convKey(buddy.accountId, buddy.peer);
  const convUnread = useConversationStore((s) => s.conversations[key]?.unread);
  const unread = convUnread ?? buddy.unread;
  const [menuOpen, setMenuOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const row = useRef<HTMLDivElement>(null);
  const name = buddy.name || buddy.peer;
  const open = () => fire(openConversation(buddy.accountId, buddy.peer));
  const spoken = [
    name,
    AVAILABILITY_LABEL[buddy.presence.availability],
    buddy.pending ? 'waiting for them to accept' : buddy.presence.status,
    unread > 0 ? `${unread} unread` : '',
  ]
    .filter(Boolean)
    .join(', ');

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey) || e.key === 'ArrowRight') {
      e.preventDefault();
      setMenuOpen(true);
    }
  };

  return (
    <div ref={row} className="buddy-row">
      <button
        ref={button}
        type="button"
        className="buddy-button"
        data-nav-row
        tabIndex={tabIndex}
        onClick={open}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenuOpen(true);
        }}
        aria-keyshortcuts="Shift+F10"
        aria-label={spoken}
      >
        <PresenceIcon availability={buddy.presence.availability} hidden />
        <span className="buddy-text">
          <span className="buddy-name">{name}</span>
          {(buddy.presence.status || buddy.pending || showAccount) && (
            <span className="buddy-status">
              {buddy.pending ? 'Waiting for them to accept' : buddy.presence.status}
              {showAccount && <span className="buddy-account"> · {buddy.accountId.replace(/^[a-z]+:/, '')}</span>}
            </span>
          )}
        </span>
        {unread > 0 && (
          <span className="badge" data-testid="unread">
            {unread}
            <VisuallyHidden> unread</VisuallyHidden>
          </span>
        )}
      </button>
      {/* For the mouse; the keyboard opens the same menu with Shift+F10, the context-menu key or Right. */}
      <span
        className="row-menu"
        aria-hidden="true"
        onClick={() => setMenuOpen((o) => !o)}
        title={`Actions for ${name}`}
      >
        ⋯
      </span>
      {menuOpen && (
        <Menu
          label={`Actions for ${name}`}
          initial={0}
          anchor={row}
          onClose={(refocus) => {
            setMenuOpen(false);
            if (refocus) button.current?.focus();
          }}
          items={[
            { label: 'Send message', onSelect: open },
            {
              label: 'Authenticate buddy…',
              onSelect: () => fire(openConversation(buddy.accountId, buddy.peer).then((k) => setUi({ wizard: k }))),
            },
            {
              label: 'Remove buddy…',
              onSelect: () =>
                askConfirm({
                  title: `Remove ${name}?`,
                  body: `${name} will be removed from your buddy list and will no longer see when you are online. Your conversation history and OTR trust stay.`,
                  confirmLabel: 'Remove',
                  onConfirm: () =>
                    void attempt(`Could not remove ${name}`, () => removeBuddy(buddy.accountId, buddy.peer)),
                }),
            },
          ]}
        />
      )}
    </div>
  );
}
