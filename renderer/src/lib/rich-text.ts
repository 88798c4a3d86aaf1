/**
 * Incoming message text as something safe to show. Plain text stays text. Text
 * that contains HTML (Pidgin sends some: <B>, <A HREF>, <FONT>, <BR>, entities)
 * goes through DOMPurify with a small allow-list; if DOMPurify had to remove
 * any element (a <script>, an <img onerror>…), the whole message is shown as
 * the literal text that arrived instead, so the user sees what was sent and
 * nothing runs. The result is a tree of plain data the view turns into React
 * elements: no HTML string is ever given to the DOM.
 */
import DOMPurify from 'dompurify';
import { safeHref } from './linkify';

export type RichNode =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  | { kind: 'link'; href: string; children: RichNode[] }
  | { kind: 'strong' | 'em' | 'u' | 's' | 'code'; children: RichNode[] };

export type Rendered = { mode: 'text'; text: string } | { mode: 'html'; nodes: RichNode[] };

const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;
const ALLOWED_TAGS = [
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'del',
  'strike',
  'code',
  'br',
  'span',
  'font',
  'p',
  'div',
];
const WRAPPER_ELEMENTS = new Set(['HTML', 'HEAD', 'BODY', 'REMOVE']);
const WRAPPERS: Record<string, RichNode['kind'] | undefined> = {
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  u: 'u',
  s: 's',
  del: 's',
  strike: 's',
  code: 'code',
};

/** Any tag outside the allow-list (whatever the parser would make of it) means: show the text as it came. */
function hasForeignTag(text: string): boolean {
  for (const m of text.matchAll(/<\/?([a-z][a-z0-9-]*)/gi)) {
    const tag = m[1]?.toLowerCase() ?? '';
    if (!ALLOWED_TAGS.includes(tag) && !['html', 'head', 'body'].includes(tag)) return true;
  }
  return false;
}

export function renderIncoming(text: string): Rendered {
  if (!LOOKS_LIKE_HTML.test(text) || !DOMPurify.isSupported || hasForeignTag(text)) return { mode: 'text', text };
  const fragment = DOMPurify.sanitize(text, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^(?:https?|mailto|xmpp):/i,
    RETURN_DOM_FRAGMENT: true,
    // Without it a leading <script> or <style> is parsed into <head> and silently dropped, not reported.
    FORCE_BODY: true,
  });
  // DOMPurify reports the <body> it parsed into (and FORCE_BODY's <remove> marker) as removed; html/head/body wrappers are harmless.
  const removedElement = DOMPurify.removed.some((r) => 'element' in r && !WRAPPER_ELEMENTS.has(r.element.nodeName));
  if (removedElement) return { mode: 'text', text };
  return { mode: 'html', nodes: toNodes(fragment.childNodes) };
}

function toNodes(list: NodeListOf<ChildNode>): RichNode[] {
  const out: RichNode[] = [];
  for (const node of Array.from(list)) {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push({ kind: 'text', text: node.textContent ?? '' });
      continue;
    }
    if (!(node instanceof Element)) continue;
    const tag = node.tagName.toLowerCase();
    const children = toNodes(node.childNodes);
    if (tag === 'br') out.push({ kind: 'br' });
    else if (tag === 'a') {
      const href = safeHref(node.getAttribute('href') ?? '');
      if (href) out.push({ kind: 'link', href, children });
      else out.push(...children);
    } else {
      const kind = WRAPPERS[tag];
      if (kind === 'strong' || kind === 'em' || kind === 'u' || kind === 's' || kind === 'code')
        out.push({ kind, children });
      else {
        // span, font, p, div: their content, with a line break after block elements.
        out.push(...children);
        if ((tag === 'p' || tag === 'div') && node.nextSibling) out.push({ kind: 'br' });
      }
    }
  }
  return out;
}
