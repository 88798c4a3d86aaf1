/** The OTR policies in plain words, as a radio group. */
import { useId } from 'react';
import type { PolicyLevel } from '../../actions/settings';

export const POLICIES: { value: PolicyLevel; title: string; text: string }[] = [
  { value: 'never', title: 'Never', text: 'Never use OTR, even if asked.' },
  { value: 'manual', title: 'Only when I ask', text: 'Start a private conversation only from the OTR button.' },
  {
    value: 'opportunistic',
    title: 'Automatically when possible',
    text: 'Go private by itself with buddies whose clients support OTR (recommended).',
  },
  {
    value: 'always',
    title: 'Always',
    text: 'Refuse to send anything unencrypted; messages wait until the conversation is private.',
  },
  {
    value: 'require-v4',
    title: 'Require OTR v4',
    text: 'Send nothing unencrypted, and go private only with OTR v4: buddies whose clients speak only OTR v3 cannot chat privately.',
  },
];

export function PolicyChoice({
  legend,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  value: PolicyLevel | undefined;
  onChange: (p: PolicyLevel) => void;
  disabled?: boolean;
}) {
  const name = useId();
  return (
    <fieldset className="policy-choice" disabled={disabled}>
      <legend>{legend}</legend>
      {POLICIES.map((p) => (
        <label key={p.value} className="radio">
          <input
            type="radio"
            name={name}
            value={p.value}
            checked={value === p.value}
            onChange={() => onChange(p.value)}
          />
          <span>
            <strong>{p.title}</strong> <span className="muted">{p.text}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
