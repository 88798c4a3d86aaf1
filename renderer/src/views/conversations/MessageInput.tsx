/**
 * Where the user writes. Enter sends, Shift+Enter makes a new line; Up and Down
 * walk through what was sent from this tab (on the first or last line of the box).
 */
import { useState, type KeyboardEvent } from 'react';
import { attempt } from '../../actions/attempt';
import { sendText } from '../../actions/conversations';
import type { ConvKey } from '../../lib/conversation-keys';
import { useConversationStore } from '../../store/conversation-store';

export function MessageInput({
  convKey,
  peerName,
  disabledReason,
}: {
  convKey: ConvKey;
  peerName: string;
  disabledReason?: string | undefined;
}) {
  const sent = useConversationStore((s) => s.conversations[convKey]?.sent);
  const [text, setText] = useState('');
  const [draft, setDraft] = useState('');
  /** Position in `sent` while walking the history; -1: the draft. */
  const [at, setAt] = useState(-1);

  const send = () => {
    const value = text.trim();
    if (!value || disabledReason) return;
    setText('');
    setDraft('');
    setAt(-1);
    void attempt(`Not sent to ${peerName}`, () => sendText(convKey, value));
  };

  const recall = (to: number) => {
    const list = sent ?? [];
    if (at === -1) setDraft(text);
    setAt(to);
    setText(to === -1 ? draft : (list[to] ?? ''));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const box = e.currentTarget;
    const list = sent ?? [];
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && !box.value.slice(0, box.selectionStart).includes('\n') && list.length > 0) {
      e.preventDefault();
      recall(at === -1 ? list.length - 1 : Math.max(0, at - 1));
    } else if (e.key === 'ArrowDown' && at !== -1 && !box.value.slice(box.selectionEnd).includes('\n')) {
      e.preventDefault();
      recall(at + 1 >= list.length ? -1 : at + 1);
    }
  };

  return (
    <form
      className="message-input"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label={`Message to ${peerName}`}
        placeholder={disabledReason ?? `Message to ${peerName}`}
        value={text}
        rows={2}
        onChange={(e) => {
          setText(e.target.value);
          setAt(-1);
        }}
        onKeyDown={onKeyDown}
        aria-describedby={disabledReason ? undefined : 'input-hint'}
        disabled={Boolean(disabledReason)}
        data-testid="message-input"
      />
      <button type="submit" className="primary" disabled={Boolean(disabledReason) || !text.trim()}>
        Send
      </button>
      <span id="input-hint" className="visually-hidden">
        Enter sends, Shift+Enter starts a new line, Up and Down recall what you sent.
      </span>
    </form>
  );
}
