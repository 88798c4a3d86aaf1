/**
 * Who may use the browser-mode server. The printed URL's token opens it once: it
 * is traded for a cookie holding a session secret of its own, and refused after
 * that, so a URL read later (terminal scrollback, shell history, a screen share)
 * lets no one in. The cookie never holds the token, and its name carries the
 * port: cookies ignore ports (RFC 6265 §8.5), so every server on 127.0.0.1 is sent
 * it, and two Sotto instances must neither overwrite nor accept each other's.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a request with `?token=` gets. */
export type Redemption =
  /** The first use: set the cookie. */
  | 'set-cookie'
  /** The token again, from a browser that already holds the cookie (the URL opened twice): let it in. */
  | 'already-in'
  /** The right token, used before, without the cookie. */
  | 'used'
  | 'wrong';

function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class BrowserAccess {
  private readonly cookieName: string;
  private readonly session = randomBytes(32).toString('hex');
  private tokenUsed = false;

  constructor(
    private readonly token: string,
    port: number,
  ) {
    this.cookieName = `sotto-session-${port}`;
  }

  redeem(given: string, req: IncomingMessage): Redemption {
    if (!sameSecret(given, this.token)) return 'wrong';
    if (this.admits(req)) return 'already-in';
    if (this.tokenUsed) return 'used';
    this.tokenUsed = true;
    return 'set-cookie';
  }

  /** The Set-Cookie value for the first use of the token. */
  get cookie(): string {
    return `${this.cookieName}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether the request carries this server's session cookie. */
  admits(req: IncomingMessage): boolean {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === this.cookieName && sameSecret(rest.join('='), this.session)) return true;
    }
    return false;
  }
}
