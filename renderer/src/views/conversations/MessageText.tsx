/**
 * The text of a line: plain text with its links, or (incoming HTML that
 * DOMPurify passed whole) a few formatting elements built as React elements.
 * Never an HTML string: nothing in a message can run or load anything.
 */
import { memo, type ReactNode } from 'react';
import { linkify } from '../../lib/linkify';
import { renderIncoming, type RichNode } from '../../lib/rich-text';
import { SafeLink } from './SafeLink';

function Linked({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) =>
        p.kind === 'link' ? (
          <SafeLink key={i} href={p.href}>
            {p.text}
          </SafeLink>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

function rich(nodes: RichNode[], inLink: boolean): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return inLink ? n.text : <Linked key={i} text={n.text} />;
      case 'br':
        return <br key={i} />;
      case 'link':
        return (
          <SafeLink key={i} href={n.href}>
            {rich(n.children, true)}
          </SafeLink>
        );
      case 'strong':
        return <strong key={i}>{rich(n.children, inLink)}</strong>;
      case 'em':
        return <em key={i}>{rich(n.children, inLink)}</em>;
      case 'u':
        return <u key={i}>{rich(n.children, inLink)}</u>;
      case 's':
        return <s key={i}>{rich(n.children, inLink)}</s>;
      case 'code':
        return <code key={i}>{rich(n.children, inLink)}</code>;
    }
  });
}

export const MessageText = memo(function MessageText({ text, incoming }: { text: string; incoming: boolean }) {
  if (!incoming) return <Linked text={text} />;
  const shown = renderIncoming(text);
  return shown.mode === 'text' ? <Linked text={shown.text} /> : <>{rich(shown.nodes, false)}</>;
});
