/**
 * One line of a conversation: its time, whether it was private (icon and words
 * for screen readers), who said it, what, and for our own lines whether it left.
 * System lines (Pidgin's grey lines) carry their level: info, warning or error.
 */
import { memo } from 'react';
import type { ConversationLineDto } from '../../../../app/api/shapes';
import { fingerprintGroups, fullTime, shortTime } from '../../lib/format';
import { Icon } from '../common/Icon';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { MessageText } from './MessageText';

const LEVEL_WORD = { info: 'Note', warning: 'Warning', error: 'Security alert' } as const;

const STATUS = {
  queued: { icon: 'clock', text: 'Waiting to be sent privately' },
  failed: { icon: 'error', text: 'Not sent' },
  refused: { icon: 'error', text: 'Not sent (refused)' },
} as const;

interface Props {
  line: ConversationLineDto;
  /** Who "in" lines come from in a one-to-one conversation. */
  peerName: string;
  group: boolean;
}

function Privacy({ line, group }: { line: ConversationLineDto; group: boolean }) {
  if (line.encrypted) {
    // Which key: a buddy signed in twice may have two, and each line names its own.
    const key = line.fingerprint ? `, key ${fingerprintGroups(line.fingerprint).join(' ')}` : '';
    return (
      <span
        className={`line-privacy ${line.verified ? 'private' : 'unverified'}`}
        title={`${line.verified ? 'Private (verified' : 'Private (unverified'}${key})`}
      >
        <Icon name={line.verified ? 'lock-check' : 'lock-question'} />
        <VisuallyHidden>{line.verified ? 'Private: ' : 'Private, unverified: '}</VisuallyHidden>
      </span>
    );
  }
  if (group) return null;
  return (
    <span className="line-privacy not-private" title="Not private">
      <Icon name="lock-open" />
      <VisuallyHidden>Not private: </VisuallyHidden>
    </span>
  );
}

export const MessageRow = memo(function MessageRow({ line, peerName, group }: Props) {
  const time = (
    <time className="line-time" dateTime={new Date(line.time).toISOString()} title={fullTime(line.time)}>
      {shortTime(line.time)}
    </time>
  );
  if (line.direction === 'system') {
    const level = line.level ?? 'info';
    return (
      <div className={`line line-system level-${level}`} data-testid="system-line" data-level={level}>
        {time}
        <Icon name={level} />
        <span className="line-text">
          <VisuallyHidden>{LEVEL_WORD[level]}: </VisuallyHidden>
          {line.text}
        </span>
      </div>
    );
  }
  const sender = line.direction === 'out' ? 'Me' : (line.nick ?? peerName);
  const status = line.status && line.status !== 'sent' ? STATUS[line.status] : undefined;
  return (
    <div
      className={`line line-${line.direction} ${status ? `status-${line.status}` : ''}`}
      data-testid="message"
      data-encrypted={line.encrypted}
      data-status={line.status ?? ''}
    >
      {time}
      <Privacy line={line} group={group} />
      <span className="line-sender">{sender}:</span>{' '}
      <span className="line-text" data-testid="message-text">
        <MessageText text={line.text} incoming={line.direction === 'in'} />
      </span>
      {status && (
        <span className="line-status" data-testid="message-status">
          <Icon name={status.icon} />
          {status.text}
        </span>
      )}
    </div>
  );
});
