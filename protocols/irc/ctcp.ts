/**
 * CTCP (draft-oakley-irc-ctcp-02): a PRIVMSG whose text starts with \x01 is a
 * query (`\x01TYPE params\x01`; the closing \x01 may be missing), answered by
 * NOTICE. ACTION (/me) is a message like any other. Every other query is
 * answered only when the user configured an answer: the usual answers (client
 * name and version, local time, user info) tell a stranger what software and
 * which clock we run, which a private messenger should not.
 */
export interface Ctcp {
  type: string;
  params: string;
}

export interface CtcpAnswers {
  /** Answer VERSION with this text; no answer when unset. */
  version?: string;
  /** Echo PING back (it reveals only that we are online and our latency). */
  ping?: boolean;
  /** Answer TIME with our local time (reveals our clock and time zone). */
  time?: boolean;
}

const SOH = '\x01';

/** Control characters (CTCP framing, CR, LF, NUL…) replaced by spaces. */
export function withoutControls(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c === '\x7f' ? ' ' : c)).join('');
}

export function parseCtcp(text: string): Ctcp | undefined {
  if (!text.startsWith(SOH)) return undefined;
  const inner = text.slice(1, text.endsWith(SOH) && text.length > 1 ? -1 : undefined);
  const space = inner.indexOf(' ');
  const type = (space === -1 ? inner : inner.slice(0, space)).toUpperCase();
  if (!/^[A-Z0-9_-]{1,32}$/.test(type)) return undefined;
  return { type, params: space === -1 ? '' : inner.slice(space + 1) };
}

/** The text of the NOTICE answering `query` (without \x01), or undefined to stay silent. */
export function ctcpAnswer(query: Ctcp, answers: CtcpAnswers, now: () => Date = () => new Date()): string | undefined {
  switch (query.type) {
    case 'VERSION':
      return answers.version ? `VERSION ${withoutControls(answers.version)}` : undefined;
    case 'PING':
      // The token is theirs; only a sane one is echoed, so we never carry arbitrary text.
      return answers.ping && /^[\x20-\x7e]{0,64}$/.test(query.params) ? `PING ${query.params}`.trimEnd() : undefined;
    case 'TIME':
      return answers.time ? `TIME ${now().toString()}` : undefined;
    default:
      return undefined;
  }
}

/** Wraps `text` as a CTCP message, e.g. ACTION for /me. */
export function ctcp(type: string, text: string): string {
  return `${SOH}${type}${text ? ` ${text}` : ''}${SOH}`;
}

/** Bytes CTCP framing adds around an ACTION's text: \x01, "ACTION ", \x01. */
export const ACTION_OVERHEAD_BYTES = 9;

/** "/me waves" is sent as a CTCP ACTION, the way Pidgin and other clients do. */
export function meAction(body: string): string | undefined {
  return /^\/me \S/i.test(body) ? body.slice(4) : undefined;
}
