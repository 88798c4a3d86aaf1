/** Links in plain message text: which addresses may open at all (safeHref), and where a link starts and ends (linkify). */
import { describe, expect, it } from 'vitest';
import { linkify, safeHref, type Piece } from './linkify';

const links = (text: string) => linkify(text).filter((p): p is Extract<Piece, { kind: 'link' }> => p.kind === 'link');

describe('safeHref', () => {
  it('opens http, https, mailto and xmpp addresses', () => {
    expect(safeHref('http://example.org/a')).toBe('http://example.org/a');
    expect(safeHref('https://example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
    expect(safeHref('mailto:alice@example.org')).toBe('mailto:alice@example.org');
    expect(safeHref('xmpp:alice@example.org?message')).toBe('xmpp:alice@example.org?message');
  });

  it('gives a www. address the https scheme', () => {
    expect(safeHref('www.example.org/page')).toBe('https://www.example.org/page');
  });

  it('refuses a javascript: link', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
  });

  it('refuses a javascript: link even with mixed case', () => {
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeUndefined();
  });

  it('refuses a javascript: link with a tab or newline inside the scheme, which URL parsing removes', () => {
    expect(safeHref('java\tscript:alert(1)')).toBeUndefined();
    expect(safeHref('java\nscript:alert(1)')).toBeUndefined();
  });

  it('refuses a javascript: link behind leading spaces and control characters', () => {
    expect(safeHref('  \u0001javascript:alert(1)')).toBeUndefined();
  });

  it('refuses data:, file:, vbscript:, blob:, about: and ftp: addresses', () => {
    for (const href of [
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'blob:https://example.org/x',
      'about:blank',
      'ftp://example.org/',
    ]) {
      expect(safeHref(href), href).toBeUndefined();
    }
  });

  it('refuses what does not parse as an address', () => {
    expect(safeHref('')).toBeUndefined();
    expect(safeHref('https://')).toBeUndefined();
    expect(safeHref('example.org')).toBeUndefined();
  });

  it('refuses a www. address that would smuggle a scheme after the prefix', () => {
    // "https://www.javascript:alert(1)" does not parse: no host can hold that port.
    expect(safeHref('www.javascript:alert(1)')).toBeUndefined();
  });
});

describe('linkify', () => {
  it('splits a link out of the text around it', () => {
    expect(linkify('see https://example.org/a now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a', href: 'https://example.org/a' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('keeps text without links as one text piece', () => {
    expect(linkify('nothing to see here')).toEqual([{ kind: 'text', text: 'nothing to see here' }]);
  });

  it('gives nothing for empty text', () => {
    expect(linkify('')).toEqual([]);
  });

  it('finds several links and www. addresses, the latter opening over https', () => {
    expect(links('a http://one.example b www.two.example c mailto:x@y.example d xmpp:z@y.example')).toEqual([
      { kind: 'link', text: 'http://one.example', href: 'http://one.example/' },
      { kind: 'link', text: 'www.two.example', href: 'https://www.two.example/' },
      { kind: 'link', text: 'mailto:x@y.example', href: 'mailto:x@y.example' },
      { kind: 'link', text: 'xmpp:z@y.example', href: 'xmpp:z@y.example' },
    ]);
  });

  it('does not start a link inside a word', () => {
    expect(links('xhttps://example.org and foowww.example.org and amailto:a@b.example')).toEqual([]);
  });

  it('starts a link after punctuation that is not part of a word', () => {
    expect(links('(https://example.org/a)')).toEqual([
      { kind: 'link', text: 'https://example.org/a', href: 'https://example.org/a' },
    ]);
  });

  it('leaves a javascript: address in the text as text', () => {
    expect(linkify('click javascript:alert(1) now')).toEqual([{ kind: 'text', text: 'click javascript:alert(1) now' }]);
  });

  it('leaves trailing punctuation out of the link', () => {
    for (const end of ['.', ',', ';', ':', '!', '?', "'", '"', ')', ']', '}', '...', '?!', ').']) {
      expect(links(`go to https://example.org/a${end}`), end).toEqual([
        { kind: 'link', text: 'https://example.org/a', href: 'https://example.org/a' },
      ]);
    }
  });

  it('keeps punctuation inside the link', () => {
    expect(links('https://example.org/a,b.c?d=e!f')[0]?.text).toBe('https://example.org/a,b.c?d=e!f');
  });

  it('keeps a closing bracket that closes one opened inside the link', () => {
    expect(links('read https://en.wikipedia.org/wiki/Pidgin_(software)')[0]?.text).toBe(
      'https://en.wikipedia.org/wiki/Pidgin_(software)',
    );
  });

  it("keeps the link's own closing bracket when the sentence's punctuation follows it", () => {
    const page = 'https://en.wikipedia.org/wiki/Pidgin_(software)';
    expect(links(`(see ${page})`)[0]?.text).toBe(page);
    expect(links(`read ${page}.`)[0]?.text).toBe(page);
    expect(links(`(read ${page}).`)[0]?.text).toBe(page);
  });

  it('ends a link at angle brackets, quotes and white space', () => {
    expect(
      links('<https://example.org/a> "https://example.org/b" https://example.org/c\nnext').map((l) => l.text),
    ).toEqual(['https://example.org/a', 'https://example.org/b', 'https://example.org/c']);
  });

  it('leaves an address that does not parse as text', () => {
    expect(linkify('broken https:// here')).toEqual([{ kind: 'text', text: 'broken https:// here' }]);
  });

  it('gives back every character of the text, in order, across its pieces', () => {
    for (const text of [
      'a https://x.example/b. c',
      'https://x.example',
      'www.x.example, mailto:a@b.example!',
      'x https:// y https://z.example)',
    ]) {
      expect(
        linkify(text)
          .map((p) => p.text)
          .join(''),
        text,
      ).toBe(text);
    }
  });
});
