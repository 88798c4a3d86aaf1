/**
 * The lines of a conversation, virtualized (@tanstack/react-virtual): only the
 * rows on screen are in the DOM, so 10,000 lines scroll like 10. It follows
 * new lines while the view is at the bottom; scrolled up, it stays put and
 * offers a button back to the latest.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ConversationLineDto } from '../../../../app/api/shapes';
import type { ConvKey } from '../../lib/conversation-keys';
import { useConversationStore } from '../../store/conversation-store';
import { MessageRow } from './MessageRow';

const NO_LINES: ConversationLineDto[] = [];

export function MessageList({ convKey, peerName, group }: { convKey: ConvKey; peerName: string; group: boolean }) {
  const lines = useConversationStore((s) => s.conversations[convKey]?.lines ?? NO_LINES);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [behind, setBehind] = useState(false);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 12,
    getItemKey: (i) => lines[i]?.id ?? i,
  });

  useLayoutEffect(() => {
    if (lines.length === 0) return;
    if (atBottom.current) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
    else setBehind(true);
  }, [lines.length, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (atBottom.current && behind) setBehind(false);
  };

  const toLatest = () => {
    atBottom.current = true;
    setBehind(false);
    virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
    scroller.current?.focus();
  };

  return (
    <div className="message-list-wrap">
      <div
        ref={scroller}
        className="message-list"
        role="log"
        aria-live="off"
        aria-label={group ? `Messages in ${peerName}` : `Messages with ${peerName}`}
        tabIndex={0}
        onScroll={onScroll}
        data-testid="message-list"
      >
        <div className="message-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index];
            if (!line) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="message-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <MessageRow line={line} peerName={peerName} group={group} />
              </div>
            );
          })}
        </div>
      </div>
      {behind && (
        <button type="button" className="to-latest" onClick={toLatest}>
          New messages below ↓
        </button>
      )}
    </div>
  );
}
