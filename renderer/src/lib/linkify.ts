/**
 * Splits plain text into text and links. Only http(s), mailto and xmpp links are
 * recognised; everything else stays text. Trailing punctuation is not part of a link.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\bmailto:[^\s<>"]+|\bxmpp:[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'")\]}]/;

const count = (text: string, char: string): number => text.split(char).length - 1;

/**
 * The link without the punctuation that ends the sentence around it. A ')' that closes a
 * '(' of the link stays (Wikipedia style), also when the sentence's own ')' or '.' follows.
 */
function trimTrailing(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.test(raw.charAt(end - 1))) {
    const kept = raw.slice(0, end);
    if (raw.charAt(end - 1) === ')' && count(kept, '(') >= count(kept, ')')) break;
    end -= 1;
  }
  return raw.slice(0, end);
}

/** The address a link opens, or undefined when it is not one we open. */
export function safeHref(raw: string): string | undefined {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const url = new URL(candidate);
    return ['http:', 'https:', 'mailto:', 'xmpp:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function linkify(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = trimTrailing(match[0]);
    const href = safeHref(raw);
    const start = match.index;
    if (!href) continue;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
