/** "Are you sure?" before removing or forgetting something; Cancel has the focus. */
import { setUi, type ConfirmRequest } from '../../store/ui-store';
import { Dialog } from './Dialog';

export function ConfirmDialog({ request }: { request: ConfirmRequest }) {
  const close = () => setUi({ confirm: undefined });
  return (
    <Dialog title={request.title} onClose={close} testId="confirm">
      <p>{request.body}</p>
      <div className="button-row">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            close();
            request.onConfirm();
          }}
        >
          {request.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
