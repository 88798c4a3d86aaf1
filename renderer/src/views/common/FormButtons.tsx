/** The foot of a form: a way out on the left, the form's action (its submit button) on the right. */
import type { ReactNode } from 'react';

export function FormButtons({
  cancel = 'Cancel',
  onCancel,
  submit,
  disabled = false,
}: {
  cancel?: ReactNode;
  onCancel: () => void;
  submit: ReactNode;
  disabled?: boolean;
}) {
  return (
    <div className="button-row">
      <button type="button" onClick={onCancel}>
        {cancel}
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
}
