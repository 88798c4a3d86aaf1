/**
 * The renderer's Content-Security-Policy, the same for Electron and browser mode:
 * only our own scripts and styles, no inline code, no remote content, no frames.
 * `connect-src 'self'` covers the browser-mode WebSocket on the same origin.
 * Servers send it as a header; the built index.html also carries it in a meta
 * element (without frame-ancestors, which browsers ignore there), so the page
 * is protected however it is loaded.
 */
export function rendererCsp(options: { websocketOrigin?: string; forMeta?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${options.websocketOrigin ? ` ${options.websocketOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    ...(options.forMeta ? [] : ["frame-ancestors 'none'"]),
    "object-src 'none'",
  ].join('; ');
}
