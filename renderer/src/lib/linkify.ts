/**
 * Splits plain text into text and links. Only http(s), mailto and xmpp links are
 * recognised; everything else stays text. Trailing punctuation is not part of a link.
 */
export type Piece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\bmailto:[^\s<>"]+|\bxmpp:[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'")\]}]+$/;

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
    let raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    // Keep a closing bracket that closes one opened inside the link (Wikipedia style).
    if (trailing && !(trailing === ')' && raw.includes('('))) raw = raw.slice(0, raw.length - trailing.length);
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
