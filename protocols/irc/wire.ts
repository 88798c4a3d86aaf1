/**
 * RFC 2812 §2.3.1 (message format) and RFC 1459 §4.2.3.1 / IRCv3 CASEMAPPING:
 * just enough parsing of a raw line for what the adapter watches itself
 * (numerics the library does not surface), and nick/channel comparison.
 * irc-framework parses everything else.
 */
export interface RawLine {
  source?: { nick: string; user?: string | undefined; host?: string | undefined } | undefined;
  command: string;
  params: string[];
}

/** Parses `[@tags] [:source] COMMAND params… [:trailing]`; undefined when there is no command. */
export function parseRawLine(line: string): RawLine | undefined {
  let rest = line;
  if (rest.startsWith('@')) rest = rest.slice(rest.indexOf(' ') + 1 || rest.length);
  rest = rest.replace(/^ +/, '');
  let source: RawLine['source'];
  if (rest.startsWith(':')) {
    const end = rest.indexOf(' ');
    const prefix = end === -1 ? rest.slice(1) : rest.slice(1, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    const m = /^([^!@]*)(?:!([^@]*))?(?:@(.*))?$/.exec(prefix);
    source = { nick: m?.[1] ?? prefix, user: m?.[2], host: m?.[3] };
  }
  const params: string[] = [];
  let command: string | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^ +/, '');
    if (rest.length === 0) break;
    if (command !== undefined && rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const end = rest.indexOf(' ');
    const token = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    if (command === undefined) command = token.toUpperCase();
    else params.push(token);
  }
  if (!command) return undefined;
  return { source, command, params };
}

export type CaseMapping = 'ascii' | 'rfc1459' | 'strict-rfc1459';

/** Folds a nick or channel name for comparison under the server's CASEMAPPING (default rfc1459). */
export function foldCase(name: string, mapping: CaseMapping = 'rfc1459'): string {
  // Only ASCII letters fold (String#toLowerCase would also fold others, which no mapping does).
  let out = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (mapping !== 'ascii') out = out.replace(/[[\]\\]/g, (c) => ({ '[': '{', ']': '}', '\\': '|' })[c] ?? c);
  if (mapping === 'rfc1459') out = out.replace(/~/g, '^');
  return out;
}

export function caseMappingOf(value: unknown): CaseMapping {
  return value === 'ascii' || value === 'strict-rfc1459' ? value : 'rfc1459';
}
