/**
 * XML 1.0 §2.2 (Char): the characters an XMPP stream may carry (RFC 6120 §11.1
 * requires well-formed XML). A body with U+0000, another C0 control or a lone
 * surrogate would make the server close our stream; stream management would
 * then resend the same stanza after reconnecting, and again, so such text is
 * refused before it is sent.
 */

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character XML cannot carry, as `U+XXXX`, or undefined when all can be sent. */
export function firstNonXmlChar(text: string): string | undefined {
  const match = NOT_XML_CHAR.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
