/**
 * Checks a value that crossed a process or network boundary against a zod schema.
 *
 * Never throws: the callers (IPC, JSON-RPC, WebSocket, files in the profile) turn
 * the result into a protocol error or a message about the file, not a crash. The
 * error is one sentence naming the field (`params.port: expected …, got …`), in our
 * words rather than zod's, because zod/mini carries no messages of its own.
 */
import * as z from 'zod/mini';

export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

type Issue = z.core.$ZodIssue;

export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, root = ''): Check<z.output<S>> {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeFirst(result.error.issues, root ? [root] : []) };
}

/** One problem is enough for a person to act on. */
function describeFirst(issues: readonly Issue[], base: PropertyKey[]): string {
  // A misspelt key also makes its correct spelling "missing": the unknown key is the better clue.
  const first = issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0];
  return first ? describeIssue(first, base) : `${pathText(base)}: invalid`;
}

function describeIssue(issue: Issue, base: PropertyKey[]): string {
  const path = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys') return `${pathText([...path, issue.keys[0] ?? ''])}: unknown field`;
  if (issue.code === 'invalid_union' && !issue.discriminator && issue.errors.length > 0) {
    return issue.errors.map((alternative) => describeFirst(alternative, path)).join('; or ');
  }
  const got = 'input' in issue ? `, got ${describeValue(offending(issue))}` : '';
  return `${pathText(path)}: expected ${expectation(issue)}${got}`;
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'an integer'
        : /^[aeiou]/.test(issue.expected)
          ? `an ${issue.expected}`
          : `a ${issue.expected}`;
    case 'too_big':
      return bound(issue.origin, 'at most', issue.inclusive === false ? '<' : '<=', issue.maximum);
    case 'too_small':
      return bound(issue.origin, 'at least', issue.inclusive === false ? '>' : '>=', issue.minimum);
    case 'invalid_format':
      return issue.pattern ? `a string matching ${issue.pattern}` : `a string in the ${issue.format} format`;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'invalid_union':
      // Only a discriminated union gets here: it lists the discriminator's values.
      return ('options' in issue ? (issue.options ?? []) : []).map((v) => JSON.stringify(v)).join(' | ');
    case 'custom':
      return issue.message;
    default:
      return 'a valid value';
  }
}

function bound(origin: string, words: string, sign: string, limit: number | bigint): string {
  if (origin === 'string') return `${words} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `${words} ${limit} items`;
  if (origin === 'object' || origin === 'record') return `${words} ${limit} keys`;
  return `a number ${sign} ${limit}`;
}

/** `params.accounts[2].port`: the way people write the path in JavaScript. */
function pathText(path: PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || 'value';
}

/** A discriminated union reports the whole object, but only its discriminator was wrong. */
function offending(issue: Issue): unknown {
  const input: unknown = issue.input;
  if (issue.code !== 'invalid_union' || !issue.discriminator || typeof input !== 'object' || input === null)
    return input;
  return (input as Record<string, unknown>)[issue.discriminator];
}

/** What was there instead, without echoing a long string (a message, a password) back. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  return typeof value;
}
