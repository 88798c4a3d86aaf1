/** Window-wide keys: Ctrl+Tab / Ctrl+Shift+Tab (and Ctrl+PageDown / PageUp) switch tabs, Ctrl+W closes one. */
import { useEffect } from 'react';
import { fire } from '../actions/attempt';
import { closeConversation, markRead } from '../actions/conversations';
import { cycleTab, useConversationStore } from '../store/conversation-store';

function afterSwitch() {
  const active = useConversationStore.getState().active;
  if (active) fire(markRead(active));
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey || e.altKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'Tab' || e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        cycleTab(e.key === 'PageUp' || (e.key === 'Tab' && e.shiftKey) ? -1 : 1);
        afterSwitch();
      } else if (e.key === 'w' || e.key === 'W') {
        const active = useConversationStore.getState().active;
        if (!active) return;
        e.preventDefault();
        fire(closeConversation(active));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
