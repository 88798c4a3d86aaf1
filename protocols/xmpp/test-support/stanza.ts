/** Parses one stanza written as XML text, with jabber:client as its namespace, as the stream would give it. */
import type { Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';

export type { Element };

export function stanza(text: string): Element {
  const root = parse(`<stream xmlns='jabber:client'>${text}</stream>`);
  const child = root.getChildElements()[0];
  if (!child) throw new Error(`no element in ${text}`);
  return child;
}
