/**
 * A link in a message. Nothing opens until the user confirms (middle-click
 * included): in browser mode in our own dialog; under Electron the main process
 * catches the new window and asks with a native dialog before the system
 * browser opens it, so the renderer does not ask twice.
 */
import type { ReactNode } from 'react';
import { setUi } from '../../store/ui-store';

const underElectron = () => window.sottoBridge !== undefined;

export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  const ask = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (underElectron()) window.open(href, '_blank', 'noopener,noreferrer');
    else setUi({ linkToOpen: href });
  };
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="message-link"
      onClick={ask}
      onAuxClick={ask}
      title={href}
    >
      {children}
    </a>
  );
}
