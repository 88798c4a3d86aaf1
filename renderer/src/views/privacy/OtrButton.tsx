/**
 * The OTR button of a one-to-one conversation: always visible, its state in a
 * word (with the OTR version beside it), a colour and an icon, announced to screen readers when it changes.
 * Its menu starts, refreshes or ends the private conversation, authenticates
 * the buddy, picks an instance, and explains what it all means.
 */
import { attempt } from '../../actions/attempt';
import { endOtr, startOtr } from '../../actions/otr';
import type { ConvKey } from '../../lib/conversation-keys';
import { otrExplanation, otrLabel, otrLevel, type OtrLevel } from '../../lib/otr-view';
import { useOtrStore } from '../../store/otr-store';
import { openDialog, setUi } from '../../store/ui-store';
import { Icon, type IconName } from '../common/Icon';
import { MenuButton, type MenuItem } from '../common/MenuButton';
import { VisuallyHidden } from '../common/VisuallyHidden';

export const OTR_ICON: Record<OtrLevel, IconName> = {
  'not-private': 'lock-open',
  unverified: 'lock-question',
  private: 'lock-check',
  finished: 'lock-x',
};

export function OtrButton({ convKey, peerName }: { convKey: ConvKey; peerName: string }) {
  const status = useOtrStore((s) => s.status[convKey]);
  const level = otrLevel(status);
  const label = otrLabel(level, status?.version);
  const encrypted = status?.state === 'encrypted';
  const instances = status?.instances.length ?? 0;

  const items: MenuItem[] = [
    {
      label: encrypted ? 'Refresh private conversation' : 'Start private conversation',
      onSelect: () => void attempt('Could not start the private conversation', () => startOtr(convKey)),
    },
    {
      label: 'End private conversation',
      disabled: status?.state === 'plaintext' || !status,
      onSelect: () => void attempt('Could not end the private conversation', () => endOtr(convKey)),
    },
    {
      label: 'Authenticate buddy…',
      hint: `Make sure it is really ${peerName}`,
      onSelect: () => setUi({ wizard: convKey }),
    },
    ...(instances > 0
      ? [
          {
            label: 'Pick instance…',
            hint:
              instances > 1
                ? `${peerName} is signed in from ${instances} places`
                : `Where your messages to ${peerName} go`,
            onSelect: () => setUi({ instancePicker: convKey }),
          },
        ]
      : []),
    { label: "What's this?", onSelect: () => openDialog('whatsThis') },
  ];

  return (
    <span className="otr-control" title={otrExplanation(level, peerName, status?.version)}>
      <MenuButton className={`otr-button otr-${level}`} items={items} testId="otr-button">
        <Icon name={OTR_ICON[level]} />
        <span className="otr-label" aria-live="polite" data-testid="otr-label">
          {label}
        </span>
        <VisuallyHidden>: privacy of this conversation. </VisuallyHidden>
      </MenuButton>
    </span>
  );
}

/** Group chats have no OTR: they say so, in the same place. */
export function GroupNotPrivate() {
  return (
    <span className="otr-badge otr-not-private" data-testid="group-not-private">
      <Icon name="lock-open" />
      Not private
      <span className="otr-badge-hint">Group chats are not encrypted</span>
    </span>
  );
}
