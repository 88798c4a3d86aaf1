/**
 * RFC 2812 §3.1.2 (NICK), §5.1 (RPL_WELCOME, RPL_WHOISUSER): who we are on the
 * server. The nick we hold is ours or, while ours is taken, an alternative; we
 * ask for ours back when its holder leaves (seen in a shared channel) and every
 * minute, since it may be our own ghost the server has not timed out yet. How
 * the server shows us (nick!user@host) sizes every message (relay-prefix.ts),
 * so messages wait (pacer.ts) until the server has said it, or for 5 s.
 */
import type { Pacer } from './pacer';
import type { RelayPrefix } from './relay-prefix';

/** While we are on an alternative nick, how often we ask for ours back. */
const NICK_REGAIN_MS = 60_000;
/** How long messages wait for the server to say how it shows us, before going with worst-case sizes. */
const IDENTITY_WAIT_MS = 5000;

export interface IdentityUpdate {
  nick?: string | undefined;
  user?: string | undefined;
  host?: string | undefined;
}

export class Identity {
  /** The server has told us our user and host on this connection. */
  private confirmed = false;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private regainTimer: ReturnType<typeof setInterval> | undefined;

  /** `nicks`: ours first, then the alternatives. `fold` compares nicks as the server does (it may change). */
  constructor(
    private readonly nicks: readonly string[],
    private readonly prefix: RelayPrefix,
    private readonly pacer: Pacer,
    private readonly fold: (name: string) => string,
    private readonly log: (message: string) => void,
  ) {}

  get nick(): string {
    return this.prefix.nick;
  }

  isUs(nick: string): boolean {
    return this.fold(nick) === this.fold(this.prefix.nick);
  }

  /** A new connection: what the server told the last one about us must be heard again. */
  connecting(): void {
    this.confirmed = false;
  }

  /** The server said how it shows us; `online` when the connection is registered. */
  told(update: IdentityUpdate, online: boolean): void {
    if (update.nick) this.prefix.setNick(update.nick);
    this.prefix.setUserHost(update.user, update.host);
    if (!update.user || !update.host) return;
    this.confirmed = true;
    if (online) {
      if (this.readyTimer) clearTimeout(this.readyTimer);
      this.pacer.setReady(true);
    }
  }

  /** The server renamed us (or confirmed our NICK). */
  weAreNow(nick: string): void {
    if (nick !== this.prefix.nick) this.log(`our nick is now ${nick}`);
    this.prefix.setNick(nick);
    if (this.isOurs(nick)) this.stopRegain();
  }

  /** Registered as `nick`: ask for ours back while on an alternative, and let messages go once we know our prefix. */
  online(nick: string, send: (line: string) => void): void {
    if (nick !== this.nicks[0]) {
      this.regainTimer = setInterval(() => send(`NICK ${this.nicks[0]}`), NICK_REGAIN_MS);
      this.regainTimer.unref();
    }
    if (this.confirmed) {
      this.pacer.setReady(true);
    } else {
      // The welcome did not say how the server shows us: ask, and go on with worst-case sizes if it will not say.
      send(`WHOIS ${nick}`);
      this.readyTimer = setTimeout(() => this.pacer.setReady(true), IDENTITY_WAIT_MS);
    }
  }

  /** Someone stopped using `nick` (QUIT, or NICK to another): if it is ours and we want it back, take it at once. */
  freed(nick: string, send: (line: string) => void): void {
    if (this.regainTimer && this.isOurs(nick)) send(`NICK ${this.nicks[0]}`);
  }

  /** The connection ended: nothing may be written until the next one is ready. */
  ended(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.stopRegain();
    this.pacer.setReady(false);
  }

  private isOurs(nick: string): boolean {
    return this.fold(nick) === this.fold(this.nicks[0] ?? '');
  }

  private stopRegain(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = undefined;
  }
}
