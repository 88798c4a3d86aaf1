/**
 * RFC 2812 §2.3 (Messages): an IRC line is at most 512 bytes including CR LF,
 * and a message cannot carry CR or LF. A body that is longer than one line
 * allows, or that has several lines, therefore goes out as several PRIVMSGs.
 *
 * The split is on UTF-8 character boundaries, and where it can be on user-
 * perceived characters (grapheme clusters) and before a space, so that the
 * parts read naturally; the parts concatenated give back the line exactly.
 * A space is kept at the start of the next part, never the end of the previous
 * one, because servers such as ngIRCd strip trailing whitespace from a line.
 */

/** Bytes of one code point in UTF-8. */
function codePointBytes(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

export function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) n += codePointBytes(ch.codePointAt(0) ?? 0);
  return n;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when the string has a lone surrogate, which UTF-8 cannot carry. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * The lines of a body: CR LF, CR and LF each end a line. Empty lines are left
 * out because IRC cannot carry an empty message (ERR_NOTEXTTOSEND).
 */
export function bodyLines(body: string): string[] {
  return body.split(/\r\n|\r|\n/).filter((line) => line.length > 0);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Units that are never cut: grapheme clusters, or their code points when one alone is too big. */
function* units(line: string, maxBytes: number): Generator<{ text: string; bytes: number }> {
  for (const { segment } of graphemes.segment(line)) {
    const bytes = utf8Bytes(segment);
    if (bytes <= maxBytes) {
      yield { text: segment, bytes };
    } else {
      for (const ch of segment) yield { text: ch, bytes: codePointBytes(ch.codePointAt(0) ?? 0) };
    }
  }
}

/** How far back (as a share of the part) we look for a place to break. */
const LOOKBACK = 0.3;

const isSpace = (unit: { text: string } | undefined) => unit !== undefined && /^\s+$/u.test(unit.text);

/**
 * Where to end a full part: before the whitespace run nearest its end, so that
 * words stay whole and no part ends in whitespace (which ngIRCd would strip, and
 * which would also cut an OTR whitespace tag in two); failing that, at the end.
 */
function breakIndex(current: { text: string; bytes: number }[], next: { text: string }, maxBytes: number): number {
  if (isSpace(next) && !isSpace(current[current.length - 1])) return current.length;
  let tailBytes = 0;
  for (let i = current.length - 1; i > 0 && tailBytes <= maxBytes * LOOKBACK; i--) {
    if (isSpace(current[i]) && !isSpace(current[i - 1])) return i;
    tailBytes += current[i]?.bytes ?? 0;
  }
  return current.length;
}

/**
 * Splits one line (no CR or LF) into parts of at most `maxBytes` UTF-8 bytes.
 * Throws a RangeError if `maxBytes` is below 4, the size of the widest character.
 */
export function splitLine(line: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4)
    throw new RangeError(`maxBytes must be an integer of at least 4, not ${maxBytes}`);
  if (utf8Bytes(line) <= maxBytes) return [line];
  const parts: string[] = [];
  let current: { text: string; bytes: number }[] = [];
  let currentBytes = 0;
  const emit = (units: { text: string }[]) => parts.push(units.map((u) => u.text).join(''));
  for (const unit of units(line, maxBytes)) {
    if (currentBytes + unit.bytes > maxBytes) {
      const cut = breakIndex(current, unit, maxBytes);
      emit(current.slice(0, cut));
      current = current.slice(cut);
      currentBytes = current.reduce((n, u) => n + u.bytes, 0);
      // The carried-over tail plus a very wide unit may still not fit.
      if (currentBytes + unit.bytes > maxBytes) {
        emit(current);
        current = [];
        currentBytes = 0;
      }
    }
    current.push(unit);
    currentBytes += unit.bytes;
  }
  if (current.length > 0) emit(current);
  return parts;
}

/** Every PRIVMSG a body needs: its lines, each split to `maxBytes`. */
export function splitBody(body: string, maxBytes: number): string[] {
  return bodyLines(body).flatMap((line) => splitLine(line, maxBytes));
}
