/**
 * The renderer's Content-Security-Policy, the same for Electron and browser mode:
 * only our own scripts and styles, no inline code, no remote content, no frames.
 * `connect-src 'self'` covers the browser-mode WebSocket on the same origin.
 */
export function rendererCsp(websocketOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${websocketOrigin ? ` ${websocketOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
