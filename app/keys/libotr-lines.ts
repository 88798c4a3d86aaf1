/**
 * Line splitting for libotr's two line-based files (otr.fingerprints,
 * otr.instance_tags), as libotr reads them with fgets(): a line ends at "\n",
 * a "\r" before it is dropped, and names are UTF-8 (libpurple's encoding).
 */

export interface FileLine {
  /** 1-based. */
  line: number;
  /** The text without its line ending; undefined when the bytes are not UTF-8. */
  text: string | undefined;
}

/** libotr reads lines into a 1000-byte buffer; longer lines would be split in two. */
export const LIBOTR_MAX_LINE_BYTES = 999;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function splitLines(data: Uint8Array | string): FileLine[] {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out: FileLine[] = [];
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    const next = end < 0 ? bytes.length : end + 1;
    if (end < 0) end = bytes.length;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    let text: string | undefined;
    try {
      text = utf8.decode(bytes.subarray(start, stop));
    } catch {
      text = undefined;
    }
    out.push({ line, text });
    start = next;
  }
  return out;
}

/** Throws when a field cannot be written on one libotr line. */
export function checkField(what: string, value: string): void {
  if (value.length === 0) throw new RangeError(`libotr files cannot hold an empty ${what}`);
  if (/[\t\r\n\0]/.test(value))
    throw new RangeError(
      `libotr files cannot hold a ${what} with a tab, a line break or NUL: ${JSON.stringify(value)}`,
    );
}

/** Throws when libotr would read `line` (without its "\n") as more than one line. */
export function checkLineLength(line: string): void {
  if (new TextEncoder().encode(line).length + 1 > LIBOTR_MAX_LINE_BYTES) {
    throw new RangeError(
      `a libotr line may hold at most ${LIBOTR_MAX_LINE_BYTES - 1} bytes; this one is longer (libotr would split it)`,
    );
  }
}
