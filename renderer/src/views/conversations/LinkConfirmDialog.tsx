/**
 * Opening a link from a message: the full address first, then a choice. In
 * browser mode it opens in a new tab with no opener and no referrer; under
 * Electron the main process catches the new window and hands it to the system browser.
 */
import { setUi } from '../../store/ui-store';
import { Dialog } from '../common/Dialog';

export function LinkConfirmDialog({ url }: { url: string }) {
  const close = () => setUi({ linkToOpen: undefined });
  const open = () => {
    window.open(url, '_blank', 'noopener,noreferrer');
    close();
  };
  return (
    <Dialog title="Open this link?" onClose={close} testId="link-confirm">
      <p>This link came in a message. Open it only if you trust the sender and the address:</p>
      <p className="link-address" data-testid="link-address">
        {url}
      </p>
      <div className="button-row">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={open}>
          Open in browser
        </button>
      </div>
    </Dialog>
  );
}
