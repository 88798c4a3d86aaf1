/**
 * Conversation tabs (WAI-ARIA tabs, automatic activation): Left and Right move,
 * Home and End jump, Delete closes; Ctrl+Tab and Ctrl+W work from anywhere.
 * The × is for the mouse; keyboard users close with Delete or Ctrl+W.
 */
import { useRef, type KeyboardEvent } from 'react';
import { fire } from '../../actions/attempt';
import { closeConversation, markRead } from '../../actions/conversations';
import type { ConvKey } from '../../lib/conversation-keys';
import { otrLabel, otrLevel } from '../../lib/otr-view';
import { displayName } from '../../store/buddy-store';
import { activate, useConversationStore } from '../../store/conversation-store';
import { useOtrStore } from '../../store/otr-store';
import { Icon } from '../common/Icon';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { OTR_ICON } from '../privacy/OtrButton';

export const tabId = (key: ConvKey) => `tab-${encodeURIComponent(key)}`;
export const panelId = (key: ConvKey) => `panel-${encodeURIComponent(key)}`;

export function TabStrip() {
  const tabs = useConversationStore((s) => s.tabs);
  const active = useConversationStore((s) => s.active);
  const list = useRef<HTMLDivElement>(null);

  const focusTab = (key: ConvKey | undefined) => {
    if (!key) return;
    activate(key);
    fire(markRead(key));
    requestAnimationFrame(() => document.getElementById(tabId(key))?.focus());
  };

  const onKeyDown = (e: KeyboardEvent, key: ConvKey) => {
    const at = tabs.indexOf(key);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusTab(tabs[(to + tabs.length) % tabs.length]);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      fire(closeConversation(key));
      focusTab(tabs[at + 1] ?? tabs[at - 1]);
    }
  };

  return (
    <div ref={list} role="tablist" aria-label="Conversations" className="tab-strip">
      {tabs.map((key) => (
        <Tab
          key={key}
          convKey={key}
          selected={key === active}
          onKeyDown={(e) => onKeyDown(e, key)}
          onSelect={() => focusTab(key)}
        />
      ))}
    </div>
  );
}

function Tab({
  convKey,
  selected,
  onKeyDown,
  onSelect,
}: {
  convKey: ConvKey;
  selected: boolean;
  onKeyDown: (e: KeyboardEvent) => void;
  onSelect: () => void;
}) {
  const conv = useConversationStore((s) => s.conversations[convKey]);
  const status = useOtrStore((s) => s.status[convKey]);
  const level = otrLevel(status);
  if (!conv) return null;
  const name = conv.kind === 'group' ? conv.peer : displayName(conv.accountId, conv.peer);
  return (
    <div
      id={tabId(convKey)}
      role="tab"
      aria-selected={selected}
      aria-controls={selected ? panelId(convKey) : undefined}
      tabIndex={selected ? 0 : -1}
      className={`tab ${selected ? 'tab-selected' : ''} ${conv.unread > 0 ? 'tab-unread' : ''}`}
      onClick={onSelect}
      onKeyDown={onKeyDown}
      title={`${name} (Delete or Ctrl+W closes)`}
      data-testid="conversation-tab"
    >
      {conv.kind === 'group' ? (
        <Icon name="people" />
      ) : (
        <Icon name={OTR_ICON[level]} className={`tab-otr otr-text-${level}`} />
      )}
      <span className="tab-name">{name}</span>
      <VisuallyHidden>
        {conv.kind === 'group' ? ', group chat' : `, ${otrLabel(level, status?.version)}`}
      </VisuallyHidden>
      {conv.unread > 0 && (
        <span className="badge">
          {conv.unread}
          <VisuallyHidden> unread</VisuallyHidden>
        </span>
      )}
      <span
        className="tab-close"
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          fire(closeConversation(convKey));
        }}
      >
        ×
      </span>
    </div>
  );
}
