/**
 * RFC 2812 §2.3 and §2.3.1: a line is at most 512 bytes including CR LF, and a
 * server relays our `PRIVMSG target :body` to the recipient as
 * `:nick!user@host PRIVMSG target :body` CR LF. The body we may send is what
 * fits after that prefix, not after our own shorter line: otherwise the server
 * cuts the relayed line (ngIRCd appends "[CUT]"), which ruins an OTR fragment.
 *
 * Our nick is counted as the longest of the nicks this account may use (the
 * nick and its alternatives), so a fragment sized before a reconnect still fits
 * when we come back under an alternative nick. Our user and host are counted
 * exactly once the server has told us (RPL_WELCOME's mask, WHOIS, 396, our own
 * JOIN); before that, at the server's advertised or a worst-case length. What
 * it told us is kept across reconnections, so the limit does not shrink under
 * OTR fragments already sized to it while we are away.
 */
import { utf8Bytes } from './split';

export const IRC_LINE_BYTES = 512;
const CRLF_BYTES = 2;

/** Lengths a server advertises in RPL_ISUPPORT (005), where it does. */
export interface ServerLimits {
  nickLen?: number | undefined;
  userLen?: number | undefined;
  hostLen?: number | undefined;
}

/** NICKLEN, USERLEN and HOSTLEN from RPL_ISUPPORT tokens, where given as numbers. */
export function limitsOf(tokens: Record<string, unknown>): ServerLimits {
  const num = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  return { nickLen: num(tokens.NICKLEN), userLen: num(tokens.USERLEN), hostLen: num(tokens.HOSTLEN) };
}

/** Used while the server has not said: common ircd maxima (ngIRCd: nick 32, host 64 with NUL). */
export const WORST_CASE = { nickLen: 32, userLen: 10, hostLen: 64 } as const;

/** Bytes of `:nick!user@host COMMAND target :` before the body. */
export function relayOverheadBytes(parts: {
  nickBytes: number;
  userBytes: number;
  hostBytes: number;
  command: string;
  targetBytes: number;
}): number {
  return (
    1 +
    parts.nickBytes +
    1 +
    parts.userBytes +
    1 +
    parts.hostBytes +
    1 +
    parts.command.length +
    1 +
    parts.targetBytes +
    2
  );
}

export class RelayPrefix {
  private current: string;
  private user: string | undefined;
  private host: string | undefined;
  private limits: ServerLimits = {};

  /** `nicks`: the nick first, then its alternatives. `username`: what we send in USER. */
  constructor(
    private readonly nicks: readonly string[],
    private readonly username: string,
  ) {
    this.current = nicks[0] ?? '';
  }

  get nick(): string {
    return this.current;
  }

  /** True once the server has told us the user and host it shows for us. */
  get known(): boolean {
    return this.user !== undefined && this.host !== undefined;
  }

  setNick(nick: string): void {
    this.current = nick;
  }

  setUserHost(user: string | undefined, host: string | undefined): void {
    if (user) this.user = user;
    if (host) this.host = host;
  }

  setLimits(limits: ServerLimits): void {
    for (const [key, value] of Object.entries(limits) as [keyof ServerLimits, number | undefined][])
      if (value !== undefined) this.limits[key] = value;
  }

  private nickBytes(): number {
    return Math.max(utf8Bytes(this.current), ...this.nicks.map(utf8Bytes));
  }

  private userBytes(): number {
    if (this.user !== undefined) return utf8Bytes(this.user);
    // The server may prefix "~" (no ident) or substitute an ident reply up to USERLEN.
    return Math.max(1 + utf8Bytes(this.username), this.limits.userLen ?? WORST_CASE.userLen);
  }

  private hostBytes(): number {
    return this.host !== undefined ? utf8Bytes(this.host) : (this.limits.hostLen ?? WORST_CASE.hostLen);
  }

  /** The longest body, in bytes, that reaches `target` in one line with `command`. */
  maxBodyFor(target: string, command = 'PRIVMSG'): number {
    return this.maxBodyForTargetBytes(utf8Bytes(target), command);
  }

  /** The longest body that reaches any nick: the target counted at the longest nick the server allows. */
  maxBody(command = 'PRIVMSG'): number {
    return this.maxBodyForTargetBytes(this.limits.nickLen ?? WORST_CASE.nickLen, command);
  }

  private maxBodyForTargetBytes(targetBytes: number, command: string): number {
    const overhead = relayOverheadBytes({
      nickBytes: this.nickBytes(),
      userBytes: this.userBytes(),
      hostBytes: this.hostBytes(),
      command,
      targetBytes,
    });
    return IRC_LINE_BYTES - CRLF_BYTES - overhead;
  }
}

/** `nick!user@host` as RPL_WELCOME's last word carries it on most servers (ngIRCd, InspIRCd, UnrealIRCd). */
export function parseMask(word: string): { nick: string; user: string; host: string } | undefined {
  const m = /^([^\s!@]+)!([^\s!@]+)@(\S+)$/.exec(word);
  if (!m || !m[1] || !m[2] || !m[3]) return undefined;
  return { nick: m[1], user: m[2], host: m[3] };
}
