/**
 * Reads the shapes docs/API.md writes for people — `{accountId, peer?, tls?: "a"|"b"}`,
 * `[Buddy]`, `XMPP: {…}; IRC: {…}` — so a test can hold them against the contract.
 * Only what the doc states is read: field names, which are optional (`?`), nested
 * shapes, and lists of literal values. Types it leaves out are left to api-schema.json.
 */

export type DocShape =
  | { kind: 'object'; fields: DocField[] }
  | { kind: 'array'; item: DocShape }
  | { kind: 'oneOf'; options: DocShape[] }
  /** A name such as `Buddy`, defined elsewhere in the doc as `Buddy = {…}`. */
  | { kind: 'named'; name: string }
  /** `—`: no params at all. */
  | { kind: 'none' };

export interface DocField {
  name: string;
  optional: boolean;
  /** `warnings[]`: a list, of what the doc does not say. */
  list?: boolean;
  /** `tls?: boolean`: a JSON type by name. */
  type?: 'boolean' | 'string' | 'integer' | 'number';
  /** `tls?: "starttls"|"direct"`: the values the doc lists. */
  literals?: string[];
  shape?: DocShape;
}

export interface DocRow {
  name: string;
  /** The cells after the name: params and result for a command, the payload for an event. */
  cells: string[];
}

/** Table rows whose first cell is a command or event name in backticks. */
export function docRows(doc: string): DocRow[] {
  return [...doc.matchAll(/^\| `([a-z][\w.]*)` \|(.*)$/gm)].map((m) => ({
    name: m[1]!,
    cells: m[2]!
      .replace(/\|\s*$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim()),
  }));
}

/** `Name = {…}` definitions, wherever they are written (usually a notes cell). */
export function docDefinitions(doc: string): Map<string, DocShape> {
  const defs = new Map<string, DocShape>();
  for (const m of doc.matchAll(/`([A-Z]\w*) = ([^`]+)`/g)) defs.set(m[1]!, parseShape(unescape(m[2]!)));
  return defs;
}

/** The shape a cell states, or undefined when it states none in code (plain words). */
export function cellShape(cell: string): DocShape | undefined {
  if (cell === '—') return { kind: 'none' };
  const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => unescape(m[1]!).replace(/^[A-Z]\w* = /, ''));
  const shapes = spans.filter((s) => /^[[{A-Z]/.test(s)).map(parseShape);
  if (shapes.length === 0) return undefined;
  return shapes.length === 1 ? shapes[0] : { kind: 'oneOf', options: shapes };
}

const unescape = (text: string) => text.replace(/\\\|/g, '|');

export function parseShape(text: string): DocShape {
  const t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) return { kind: 'array', item: parseShape(t.slice(1, -1)) };
  if (t.startsWith('{') && t.endsWith('}'))
    return { kind: 'object', fields: splitTopLevel(t.slice(1, -1)).map(parseField) };
  if (/^[A-Z]\w*$/.test(t)) return { kind: 'named', name: t };
  throw new Error(`docs/API.md: cannot read the shape ${JSON.stringify(t)}`);
}

function parseField(part: string): DocField {
  const m = /^(\w+)(\[\])?(\?)?(?::\s*(.*))?$/s.exec(part.trim());
  if (!m) throw new Error(`docs/API.md: cannot read the field ${JSON.stringify(part)}`);
  const [, name, list, optional, type] = m;
  const field: DocField = { name: name!, optional: optional === '?' };
  if (type === undefined) return list ? { ...field, list: true } : field;
  if (type === 'boolean' || type === 'string' || type === 'integer' || type === 'number') return { ...field, type };
  if (/^("[^"]*"\s*\|?\s*)+$/.test(type))
    return { ...field, literals: [...type.matchAll(/"([^"]*)"/g)].map((l) => l[1]!) };
  return { ...field, shape: parseShape(type) };
}

/** Splits on commas outside braces, brackets and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start);
  return last.trim() ? [...parts, last] : parts;
}
