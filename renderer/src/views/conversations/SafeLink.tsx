/**
 * A link in a message. Nothing opens until the user confirms in the link
 * dialog (middle-click included); under Electron the main process confirms
 * again before the system browser opens it.
 */
import type { ReactNode } from 'react';
import { setUi } from '../../store/ui-store';

export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  const ask = (e: { preventDefault(): void }) => {
    e.preventDefault();
    setUi({ linkToOpen: href });
  };
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="message-link" onClick={ask} onAuxClick={ask} title={href}>
      {children}
    </a>
  );
}
