// @vitest-environment jsdom
/**
 * Incoming HTML (Pidgin sends <B>, <A HREF>, <FONT>, <BR> and entities) must come out as plain
 * data the view can only show as text, links and emphasis: whatever else arrives is either
 * dropped (attributes, unsafe addresses) or turns the whole message into its literal text.
 * DOMPurify needs a DOM, hence jsdom.
 */
import { describe, expect, it } from 'vitest';
import { renderIncoming, type RichNode } from './rich-text';

const text = (t: string): RichNode => ({ kind: 'text', text: t });
const asText = (t: string) => ({ mode: 'text', text: t });
const asHtml = (...nodes: RichNode[]) => ({ mode: 'html', nodes });

/** Every link and every node kind in the tree, to assert on what can reach the view. */
function walk(nodes: RichNode[]): RichNode[] {
  return nodes.flatMap((n) => ('children' in n ? [n, ...walk(n.children)] : [n]));
}

describe('renderIncoming: plain text', () => {
  it('keeps text without markup as it is', () => {
    expect(renderIncoming('hello there')).toEqual(asText('hello there'));
  });

  it('keeps comparisons and arrows that are not tags as text', () => {
    expect(renderIncoming('a < b and c > d, 1<2, <3 ->')).toEqual(asText('a < b and c > d, 1<2, <3 ->'));
  });
});

describe('renderIncoming: the allow-list', () => {
  it('turns Pidgin-style upper-case emphasis tags into emphasis', () => {
    expect(renderIncoming('<B>bold</B> <I>it</I> <U>under</U> <S>gone</S>')).toEqual(
      asHtml(
        { kind: 'strong', children: [text('bold')] },
        text(' '),
        { kind: 'em', children: [text('it')] },
        text(' '),
        { kind: 'u', children: [text('under')] },
        text(' '),
        {
          kind: 's',
          children: [text('gone')],
        },
      ),
    );
  });

  it('maps strong, em, del, strike and code to their kinds', () => {
    expect(renderIncoming('<strong>a</strong><em>b</em><del>c</del><strike>d</strike><code>e</code>')).toEqual(
      asHtml(
        { kind: 'strong', children: [text('a')] },
        { kind: 'em', children: [text('b')] },
        { kind: 's', children: [text('c')] },
        { kind: 's', children: [text('d')] },
        { kind: 'code', children: [text('e')] },
      ),
    );
  });

  it('keeps nesting', () => {
    expect(renderIncoming('<b>x <i>y</i></b>')).toEqual(
      asHtml({ kind: 'strong', children: [text('x '), { kind: 'em', children: [text('y')] }] }),
    );
  });

  it('turns <BR> into a line break', () => {
    expect(renderIncoming('one<BR>two')).toEqual(asHtml(text('one'), { kind: 'br' }, text('two')));
  });

  it('shows the content of font and span without them', () => {
    expect(renderIncoming('<FONT COLOR="#ff0000" SIZE="3">red</FONT> <span>plain</span>')).toEqual(
      asHtml(text('red'), text(' '), text('plain')),
    );
  });

  it('ends a paragraph or div with a line break, except the last', () => {
    expect(renderIncoming('<p>one</p><div>two</div><p>three</p>')).toEqual(
      asHtml(text('one'), { kind: 'br' }, text('two'), { kind: 'br' }, text('three')),
    );
  });

  it('makes a link of <A HREF> with an http address', () => {
    expect(renderIncoming('<A HREF="https://example.org/a">here</A>')).toEqual(
      asHtml({ kind: 'link', href: 'https://example.org/a', children: [text('here')] }),
    );
  });

  it('makes links of mailto and xmpp addresses', () => {
    const links = walk(
      (renderIncoming('<a href="mailto:a@b.example">m</a><a href="xmpp:a@b.example">x</a>') as { nodes: RichNode[] })
        .nodes,
    ).filter((n) => n.kind === 'link');
    expect(links.map((l) => 'href' in l && l.href)).toEqual(['mailto:a@b.example', 'xmpp:a@b.example']);
  });

  it('accepts the html and body wrappers some clients send', () => {
    expect(renderIncoming('<html><body>hi <b>you</b></body></html>')).toEqual(
      asHtml(text('hi '), { kind: 'strong', children: [text('you')] }),
    );
  });
});

describe('renderIncoming: what must never run', () => {
  it('shows a message with a <script> as its literal text', () => {
    const sent = 'hi<script>alert(1)</script>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows a message that starts with a <script> as its literal text', () => {
    const sent = '<script>alert(1)</script><b>hi</b>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows a message with an <img onerror> as its literal text', () => {
    const sent = '<b>look</b><img src=x onerror=alert(1)>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows a message with a <style> element as its literal text', () => {
    const sent = '<style>body{display:none}</style>hi';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows iframe, svg, math, object and form as literal text', () => {
    for (const sent of [
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '<math><mi>x</mi></math>',
      '<object data="x"></object>',
      '<form action="https://evil.example"><button>go</button></form>',
    ]) {
      expect(renderIncoming(sent), sent).toEqual(asText(sent));
    }
  });

  it('shows a tag split around another tag as literal text', () => {
    const sent = '<scr<script>ipt>alert(1)</scr</script>ipt>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows the noscript mutation-XSS trick as literal text', () => {
    const sent = '<noscript><p title="</noscript><img src=x onerror=alert(1)>">';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows table parts, which the parser drops without a word outside a table, as literal text', () => {
    const sent = 'a<td>b</td><frameset>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('shows a forbidden tag in any letter case as literal text', () => {
    const sent = '<ScRiPt>alert(1)</sCrIpT>';
    expect(renderIncoming(sent)).toEqual(asText(sent));
  });

  it('keeps a doubled angle bracket around an allowed tag as text, never as an element', () => {
    const rendered = renderIncoming('<<b>script>alert(1)<</b>/script>');
    expect(rendered).toEqual(
      asHtml(text('<'), { kind: 'strong', children: [text('script>alert(1)<')] }, text('/script>')),
    );
  });

  it('keeps the emphasis when its event handler attributes are stripped', () => {
    expect(renderIncoming('<b onclick="alert(1)" onmouseover="alert(2)">hi</b>')).toEqual(
      asHtml({ kind: 'strong', children: [text('hi')] }),
    );
  });

  it('keeps the text when its style attribute is stripped', () => {
    expect(renderIncoming('<span style="position:fixed;inset:0">cover</span>')).toEqual(asHtml(text('cover')));
  });

  it('shows the text of a javascript: link without a link', () => {
    expect(renderIncoming('<a href="javascript:alert(1)">click</a>')).toEqual(asHtml(text('click')));
  });

  it('refuses a javascript: link even with mixed case and entities', () => {
    for (const href of [
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&#58;alert(1)',
      'java&#x09;script:alert(1)',
      '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
      ' javascript:alert(1)',
    ]) {
      const rendered = renderIncoming(`<a href="${href}">click</a>`);
      expect(rendered, href).toEqual(asHtml(text('click')));
    }
  });

  it('refuses data:, file: and vbscript: links', () => {
    for (const href of [
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
    ]) {
      expect(renderIncoming(`<a href="${href}">x</a>`), href).toEqual(asHtml(text('x')));
    }
  });

  it('refuses a relative link, which would open inside the app', () => {
    expect(renderIncoming('<a href="/settings">x</a>')).toEqual(asHtml(text('x')));
  });

  it('decodes entities into text, never into elements', () => {
    expect(renderIncoming('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;')).toEqual(
      asHtml(text('Tom & Jerry <script>alert(1)</script> <b>')),
    );
  });

  it('gives only text, line breaks, links and emphasis to the view', () => {
    const rendered = renderIncoming(
      '<p><b>a</b><A HREF="https://x.example" TARGET="_blank" onclick="x()"><i>b</i></A></p><div><font face="x">c</font><br/></div>',
    );
    expect(rendered.mode).toBe('html');
    const kinds = new Set(walk((rendered as { nodes: RichNode[] }).nodes).map((n) => n.kind));
    expect([...kinds].every((k) => ['text', 'br', 'link', 'strong', 'em', 'u', 's', 'code'].includes(k))).toBe(true);
  });
});
