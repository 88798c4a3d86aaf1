/**
 * Printing libgcrypt s-expressions as gcry_sexp_sprint(GCRYSEXP_FMT_ADVANCED)
 * does (libgcrypt src/sexp.c), byte for byte, since that is how libotr writes
 * otr.private_key: each atom as a token, a "quoted string" or #HEX# by libgcrypt's
 * own rule (suitable_encoding), lines and indentation as its printer lays them out.
 */
import { MAX_DEPTH, type Sexp, type SexpAtom, type SexpList } from './sexp';

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const TOKEN_SPECIALS = new Set(Array.from('-./_:*+=', (ch) => ch.charCodeAt(0)));
const isTokenChar = (c: number) => isAlpha(c) || isDigit(c) || TOKEN_SPECIALS.has(c);

export const atom = (bytes: Uint8Array | string): SexpAtom => ({
  kind: 'atom',
  bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
  line: 0,
});
export const list = (...items: Sexp[]): SexpList => ({ kind: 'list', items, line: 0 });

type Encoding = 'hex' | 'string' | 'token';

/** libgcrypt's suitable_encoding(), including its quirks (a leading byte >= 0x80 means hex). */
export function atomEncoding(b: Uint8Array): Encoding {
  if (b.length === 0) return 'string';
  const first = b[0] as number;
  if (first & 0x80 || first === 0) return 'hex';
  let token = true;
  for (const c of b) {
    // "\b\t\v\n\f\r\"\'\\" plus NUL, which libgcrypt's strchr() test also lets through.
    const allowedControl = c === 0 || (c >= 0x08 && c <= 0x0d);
    if ((c < 0x20 || (c >= 0x7f && c <= 0xa0)) && !allowedControl) return 'hex';
    if (token && !isTokenChar(c)) token = false;
  }
  return token && !isDigit(first) ? 'token' : 'string';
}

const STRING_ESCAPES: Record<number, string> = {
  0x08: 'b',
  0x09: 't',
  0x0b: 'v',
  0x0a: 'n',
  0x0c: 'f',
  0x0d: 'r',
  0x22: '"',
  0x27: "'",
  0x5c: '\\',
};

function encodeAtom(b: Uint8Array, out: number[]): void {
  const enc = atomEncoding(b);
  const ascii = (s: string) => {
    for (let k = 0; k < s.length; k++) out.push(s.charCodeAt(k));
  };
  if (enc === 'token') out.push(...b);
  else if (enc === 'hex') ascii(`#${Buffer.from(b).toString('hex').toUpperCase()}#`);
  else {
    out.push(0x22);
    for (const c of b) {
      const esc = STRING_ESCAPES[c];
      if (esc !== undefined) ascii(`\\${esc}`);
      else if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) ascii(`\\x${c.toString(16).padStart(2, '0')}`);
      else out.push(c);
    }
    out.push(0x22);
  }
}

/**
 * gcry_sexp_sprint(GCRYSEXP_FMT_ADVANCED): a list opens on a new line indented by
 * its depth, an atom is followed by a space unless a ")" comes next, a ")" is
 * followed by a line break and indentation unless a "(" or the end comes next,
 * and the whole ends with a line break.
 */
export function printSexpAdvanced(root: SexpList): Uint8Array {
  type Ev = { t: 'open' } | { t: 'close' } | { t: 'atom'; b: Uint8Array };
  const evs: Ev[] = [];
  const flatten = (s: Sexp, depth: number) => {
    if (depth > MAX_DEPTH) throw new RangeError(`lists nested more than ${MAX_DEPTH} deep`);
    if (s.kind === 'atom') evs.push({ t: 'atom', b: s.bytes });
    else {
      evs.push({ t: 'open' });
      for (const item of s.items) flatten(item, depth + 1);
      evs.push({ t: 'close' });
    }
  };
  flatten(root, 0);
  const out: number[] = [];
  const indentBy = (n: number) => {
    for (let k = 0; k < n; k++) out.push(0x20);
  };
  let indent = 0;
  evs.forEach((ev, k) => {
    const next = evs[k + 1];
    if (ev.t === 'open') {
      if (indent) out.push(0x0a);
      indentBy(indent);
      out.push(0x28);
      indent++;
    } else if (ev.t === 'close') {
      out.push(0x29);
      indent--;
      if (next && next.t !== 'open') {
        out.push(0x0a);
        indentBy(indent);
      }
    } else {
      encodeAtom(ev.b, out);
      if (next?.t !== 'close') out.push(0x20);
    }
  });
  out.push(0x0a);
  return Uint8Array.from(out);
}
