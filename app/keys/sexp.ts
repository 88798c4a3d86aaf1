/**
 * libgcrypt's s-expressions in their "advanced" text form (libgcrypt src/sexp.c:
 * gcry_sexp_sscan to read, gcry_sexp_sprint with GCRYSEXP_FMT_ADVANCED to print),
 * which is how libotr keeps otr.private_key.
 *
 * Reading accepts everything libgcrypt's reader does that a key file can hold:
 * tokens, "quoted strings" with their escapes, #hex#, |base64| and 3:abc
 * (length-prefixed). Printing is in sexp-print.ts.
 *
 * Atoms are bytes, not text: a quoted string may carry any byte. Errors give the
 * line and never quote the file, since a key file's atoms are secrets.
 */

export interface SexpAtom {
  readonly kind: 'atom';
  readonly bytes: Uint8Array;
  /** 1-based line where the atom starts. */
  readonly line: number;
}

export interface SexpList {
  readonly kind: 'list';
  readonly items: Sexp[];
  readonly line: number;
}

export type Sexp = SexpAtom | SexpList;

export class SexpSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'SexpSyntaxError';
  }
}

/** Deeper nesting than this is not a key file; refusing it keeps the reader's stack small. */
export const MAX_DEPTH = 64;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const TOKEN_SPECIALS = new Set(Array.from('-./_:*+=', (ch) => ch.charCodeAt(0)));
const isTokenChar = (c: number) => isAlpha(c) || isDigit(c) || TOKEN_SPECIALS.has(c);
const hexValue = (c: number) =>
  isDigit(c) ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

const SIMPLE_ESCAPES: Record<string, number> = {
  b: 0x08,
  t: 0x09,
  v: 0x0b,
  n: 0x0a,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "'": 0x27,
  '\\': 0x5c,
};

/** Reads one s-expression that must be a list and fill the text, apart from whitespace. */
export function parseSexp(text: Uint8Array): SexpList {
  let i = 0;
  let line = 1;
  const stack: { items: Sexp[]; line: number }[] = [];
  let root: SexpList | undefined;
  const fail = (reason: string, at = line): never => {
    throw new SexpSyntaxError(reason, at);
  };
  const addAtom = (bytes: Uint8Array, at: number) => {
    const top = stack.at(-1);
    if (!top) fail('an atom outside any list');
    else top.items.push({ kind: 'atom', bytes, line: at });
  };

  while (i < text.length) {
    const c = text[i] as number;
    if (c === 0x0a) {
      line++;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (root) fail('text after the closing parenthesis');
    const start = line;
    if (c === 0x28 /* ( */) {
      if (stack.length >= MAX_DEPTH) fail(`lists nested more than ${MAX_DEPTH} deep`);
      stack.push({ items: [], line });
      i++;
    } else if (c === 0x29 /* ) */) {
      const done = stack.pop();
      if (!done) fail('a ")" without a matching "("');
      else {
        const list: SexpList = { kind: 'list', items: done.items, line: done.line };
        const parent = stack.at(-1);
        if (parent) parent.items.push(list);
        else root = list;
      }
      i++;
    } else if (c === 0x22 /* " */) {
      const r = readQuoted(text, i + 1, line, fail);
      ({ i, line } = r);
      addAtom(r.bytes, start);
    } else if (c === 0x23 /* # */) {
      const r = readHex(text, i + 1, line, fail);
      ({ i, line } = r);
      addAtom(r.bytes, start);
    } else if (c === 0x7c /* | */) {
      const r = readBase64(text, i + 1, line, fail);
      ({ i, line } = r);
      addAtom(r.bytes, start);
    } else if (isDigit(c)) {
      let n = 0;
      while (i < text.length && isDigit(text[i] as number)) {
        n = n * 10 + ((text[i] as number) - 0x30);
        if (n > text.length) fail('a length prefix longer than the file');
        i++;
      }
      // libgcrypt: digits are a length, never the start of a token.
      if (text[i] !== 0x3a /* : */) fail('a length prefix without ":" (tokens cannot start with a digit)');
      i++;
      if (i + n > text.length) fail('a length-prefixed atom that runs past the end of the file');
      const bytes = text.slice(i, i + n);
      for (const b of bytes) if (b === 0x0a) line++;
      i += n;
      addAtom(bytes, start);
    } else if (isAlpha(c) || TOKEN_SPECIALS.has(c)) {
      const from = i;
      while (i < text.length && isTokenChar(text[i] as number)) i++;
      addAtom(text.slice(from, i), start);
    } else if (c === 0x5b /* [ */) {
      fail('display hints ([...]) are not used in key files');
    } else {
      fail(`an unexpected byte 0x${c.toString(16).padStart(2, '0')}`);
    }
  }
  const open = stack.at(-1);
  if (open) fail(`the "(" on line ${open.line} is never closed`, open.line);
  if (!root) fail('no s-expression (the file is empty)');
  return root as SexpList;
}

type Fail = (reason: string, at?: number) => never;

function readQuoted(
  text: Uint8Array,
  from: number,
  line0: number,
  fail: Fail,
): { bytes: Uint8Array; i: number; line: number } {
  const out: number[] = [];
  let i = from;
  let line = line0;
  for (;;) {
    if (i >= text.length) fail('a quoted string that is never closed', line0);
    const c = text[i++] as number;
    if (c === 0x22) return { bytes: Uint8Array.from(out), i, line };
    if (c === 0x0a) line++;
    if (c !== 0x5c /* \ */) {
      out.push(c);
      continue;
    }
    if (i >= text.length) fail('a quoted string that is never closed', line0);
    const e = text[i++] as number;
    const simple = SIMPLE_ESCAPES[String.fromCharCode(e)];
    if (simple !== undefined) out.push(simple);
    else if (e === 0x78 /* x */) {
      const hi = hexValue(text[i] ?? -1);
      const lo = hexValue(text[i + 1] ?? -1);
      if (hi < 0 || lo < 0) fail('"\\x" in a quoted string must be followed by two hex digits', line);
      out.push((hi << 4) | lo);
      i += 2;
    } else if (e >= 0x30 && e <= 0x37) {
      const d2 = (text[i] ?? 0) - 0x30;
      const d3 = (text[i + 1] ?? 0) - 0x30;
      if (d2 < 0 || d2 > 7 || d3 < 0 || d3 > 7)
        fail('an octal escape in a quoted string needs three octal digits', line);
      const v = (e - 0x30) * 64 + d2 * 8 + d3;
      if (v > 0xff) fail('an octal escape above \\377', line);
      out.push(v);
      i += 2;
    } else if (e === 0x0a || e === 0x0d) {
      // A backslash before a line break continues the string on the next line.
      line++;
      if ((text[i] === 0x0a || text[i] === 0x0d) && text[i] !== e) i++;
    } else fail('an unknown escape in a quoted string', line);
  }
}

function readHex(
  text: Uint8Array,
  from: number,
  line0: number,
  fail: Fail,
): { bytes: Uint8Array; i: number; line: number } {
  const nibbles: number[] = [];
  let i = from;
  let line = line0;
  for (;;) {
    if (i >= text.length) fail('a #hex# atom that is never closed', line0);
    const c = text[i++] as number;
    if (c === 0x23) break;
    if (c === 0x0a) line++;
    if (isSpace(c)) continue;
    const v = hexValue(c);
    if (v < 0) fail('a byte that is not a hex digit inside #...#', line);
    nibbles.push(v);
  }
  if (nibbles.length % 2) fail('an odd number of hex digits inside #...#', line0);
  const bytes = new Uint8Array(nibbles.length / 2);
  for (let k = 0; k < bytes.length; k++) bytes[k] = ((nibbles[2 * k] as number) << 4) | (nibbles[2 * k + 1] as number);
  return { bytes, i, line };
}

function readBase64(
  text: Uint8Array,
  from: number,
  line0: number,
  fail: Fail,
): { bytes: Uint8Array; i: number; line: number } {
  let i = from;
  let line = line0;
  let b64 = '';
  for (;;) {
    if (i >= text.length) fail('a |base64| atom that is never closed', line0);
    const c = text[i++] as number;
    if (c === 0x7c) break;
    if (c === 0x0a) line++;
    if (isSpace(c)) continue;
    if (!(isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2f || c === 0x3d))
      fail('a byte that is not base64 inside |...|', line);
    b64 += String.fromCharCode(c);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.replace(/=+$/, '').length % 4 === 1)
    fail('malformed base64 inside |...|', line0);
  return { bytes: new Uint8Array(Buffer.from(b64, 'base64')), i, line };
}
