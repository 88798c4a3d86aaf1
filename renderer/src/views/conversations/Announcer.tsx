/** Reads the newest incoming line of the visible conversation to screen readers (the list itself stays quiet while scrolling). */
import type { ConvKey } from '../../lib/conversation-keys';
import { useConversationStore } from '../../store/conversation-store';

export function Announcer({ convKey, peerName }: { convKey: ConvKey; peerName: string }) {
  const last = useConversationStore((s) => {
    const lines = s.conversations[convKey]?.lines;
    return lines?.[lines.length - 1];
  });
  const text =
    !last || last.direction === 'out'
      ? ''
      : last.direction === 'system'
        ? last.text
        : `${last.nick ?? peerName}${last.encrypted ? ' (private)' : ''}: ${last.text}`;
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
