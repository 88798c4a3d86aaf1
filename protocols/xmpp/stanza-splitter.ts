/**
 * RFC 6120 §4.1 and §13.12: the stream is one XML document whose top-level
 * children are the stanzas. This splitter finds where each stanza ends before
 * any XML parser sees it, so that:
 * - a stanza over the size limit is skipped in constant memory and replaced by
 *   its start tag with no content (stream management still counts it, and an
 *   iq still gets its error reply), instead of being built as a tree;
 * - the parser (ltx) gets each stanza in one piece: fed a long text in many
 *   chunks, ltx re-scans all it holds on every chunk (9 MB took 3.6 s);
 * - whitespace keepalives between stanzas do not pile up on the root element.
 * It knows just enough XML to find element boundaries: quoted attribute
 * values, self-closing tags, comments, CDATA, processing instructions and
 * declarations. Well-formedness is still the parser's job.
 *
 * Every unit is held to the limit, not only stanzas: anything else that grows
 * past it (the stream header, a comment, a processing instruction, CDATA or a
 * declaration between stanzas, all restricted or absent in XMPP, RFC 6120
 * §11.1) ends the stream, since no server has a reason to send one that large.
 */

export interface SplitterOutput {
  /** Text for the XML parser: the stream header, whole stanzas, the stream end. */
  write(text: string): void;
  /** A stanza was larger than the limit and has been replaced by its empty start tag. */
  oversized(name: string, size: number): void;
  /**
   * Something other than a stanza (`what`, e.g. "a comment") grew larger than
   * the limit; the splitter has stopped and passes nothing on any more.
   */
  tooLarge(what: string, size: number): void;
}

type State = 'text' | 'lt' | 'start' | 'end' | 'bang' | 'comment' | 'cdata' | 'pi' | 'decl';

const ENDINGS: Partial<Record<State, string>> = { comment: '-->', cdata: ']]>', pi: '?>' };

/** What a unit at depth 0 or 1 is, known from its first characters. */
type UnitKind = 'stanza' | 'header' | 'end' | 'comment' | 'cdata' | 'pi' | 'decl';
const UNIT_WORDS: Record<UnitKind, string> = {
  stanza: 'a stanza',
  header: 'a stream header',
  end: 'an end tag',
  comment: 'a comment',
  cdata: 'a CDATA section',
  pi: 'a processing instruction',
  decl: 'a declaration',
};
/** A start tag longer than this is not kept for the placeholder (its attributes are lost). */
const MAX_START_TAG = 16 * 1024;

export class StanzaSplitter {
  private state: State = 'text';
  private depth = 0;
  private quote = '';
  private lastInTag = '';
  private tagName = '';
  private nameDone = false;
  private marker = '';

  // The unit under way: the root start tag, a stanza, or something between stanzas.
  private inUnit = false;
  private unitDepth = 0;
  private unit: string[] = [];
  private unitSize = 0;
  private skipping = false;
  private unitName = '';
  private startTag = '';
  private unitKind: UnitKind = 'header';
  private stopped = false;

  constructor(
    private readonly limit: number,
    private readonly out: SplitterOutput,
  ) {}

  write(chunk: string): void {
    if (this.stopped) return;
    let from = this.inUnit && !this.skipping ? 0 : -1;
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'text') {
        const lt = chunk.indexOf('<', i);
        if (lt === -1) break;
        i = lt;
        if (this.depth <= 1) {
          this.beginUnit();
          from = i;
        }
      }
      const c = chunk[i] as string;
      i += 1;
      const event = this.step(c);
      if (event === 'stanza-start-tag' && !this.skipping) {
        const tag = this.unit.join('') + chunk.slice(from, i);
        this.startTag = tag.length <= MAX_START_TAG ? tag : '';
      } else if (event === 'unit-end') {
        const last = chunk.slice(Math.max(from, 0), i);
        this.unitSize += last.length;
        if (!this.skipping) this.unit.push(last);
        this.finishUnit();
        if (this.stopped) return;
        from = -1;
      }
    }
    if (!this.inUnit) return;
    if (this.skipping) {
      this.unitSize += chunk.length - Math.max(from, 0);
      return;
    }
    const rest = chunk.slice(from);
    this.unit.push(rest);
    this.unitSize += rest.length;
    if (this.unitSize <= this.limit) return;
    if (this.unitKind === 'stanza') {
      // From here on the stanza is only scanned for its end, not kept.
      this.skipping = true;
      this.unit = [];
    } else {
      this.stop();
    }
  }

  /** Ends the stream over a unit that is not a stanza and is larger than the limit. */
  private stop(): void {
    this.stopped = true;
    this.inUnit = false;
    this.unit = [];
    this.out.tooLarge(UNIT_WORDS[this.unitKind], this.unitSize);
  }

  private beginUnit(): void {
    this.inUnit = true;
    this.unitDepth = this.depth;
    this.unit = [];
    this.unitSize = 0;
    this.skipping = false;
    this.unitName = '';
    this.startTag = '';
  }

  /** Records what the unit is while its first token begins (only those begin at depth 0 or 1). */
  private classify(kind: UnitKind): void {
    if (this.depth <= 1) this.unitKind = kind;
  }

  /** Advances by one character. */
  private step(c: string): 'none' | 'stanza-start-tag' | 'unit-end' {
    switch (this.state) {
      case 'text':
        this.state = 'lt'; // called only on '<'
        return 'none';
      case 'lt':
        if (c === '/') {
          this.state = 'end';
          this.classify('end');
        } else if (c === '!') {
          this.state = 'bang';
          this.marker = '';
          this.classify('decl');
        } else if (c === '?') {
          this.state = 'pi';
          this.marker = '';
          this.classify('pi');
        } else {
          this.state = 'start';
          this.classify(this.depth === 1 ? 'stanza' : 'header');
          this.tagName = c;
          this.nameDone = false;
          this.lastInTag = c;
        }
        return 'none';
      case 'start':
        return this.stepStartTag(c);
      case 'end':
        if (c !== '>') return 'none';
        this.state = 'text';
        this.depth = Math.max(0, this.depth - 1);
        return this.depth <= 1 ? 'unit-end' : 'none';
      case 'bang':
        this.marker += c;
        if (this.marker === '--') this.state = 'comment';
        else if (this.marker === '[CDATA[') this.state = 'cdata';
        else if (!'--'.startsWith(this.marker) && !'[CDATA['.startsWith(this.marker))
          this.state = c === '>' ? 'text' : 'decl';
        if (this.state === 'comment' || this.state === 'cdata') {
          this.marker = '';
          this.classify(this.state);
        }
        return this.state === 'text' && this.depth <= 1 ? 'unit-end' : 'none';
      case 'decl':
        if (c !== '>') return 'none';
        this.state = 'text';
        return this.depth <= 1 ? 'unit-end' : 'none';
      default: {
        const ending = ENDINGS[this.state] ?? '>';
        this.marker = (this.marker + c).slice(-ending.length);
        if (this.marker !== ending) return 'none';
        this.state = 'text';
        return this.depth <= 1 ? 'unit-end' : 'none';
      }
    }
  }

  private stepStartTag(c: string): 'none' | 'stanza-start-tag' | 'unit-end' {
    if (this.quote) {
      if (c === this.quote) this.quote = '';
      this.lastInTag = c;
      return 'none';
    }
    if (c === '"' || c === "'") {
      this.quote = c;
      this.nameDone = true;
      this.lastInTag = c;
      return 'none';
    }
    if (c !== '>') {
      if (c === '/' || c === ' ' || c === '\t' || c === '\n' || c === '\r') this.nameDone = true;
      else if (!this.nameDone && this.tagName.length < 256) this.tagName += c;
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') this.lastInTag = c;
      return 'none';
    }
    this.state = 'text';
    const selfClosing = this.lastInTag === '/';
    if (this.depth === 1 && this.unitName === '') this.unitName = this.tagName;
    if (this.depth === 0) {
      this.depth = 1; // the stream's root element: passed on at once
      return 'unit-end';
    }
    if (selfClosing) return this.depth === 1 ? 'unit-end' : 'none';
    this.depth += 1;
    return this.depth === 2 ? 'stanza-start-tag' : 'none';
  }

  private finishUnit(): void {
    const text = this.unit.join('');
    const size = this.unitSize;
    const stanza = this.unitKind === 'stanza';
    if (!stanza && size > this.limit) {
      this.stop();
      return;
    }
    const oversized = stanza && (this.skipping || size > this.limit);
    this.inUnit = false;
    this.unit = [];
    this.skipping = false;
    if (oversized) {
      const name = this.unitName;
      this.out.oversized(name, size);
      this.out.write(this.startTag ? `${this.startTag}</${name}>` : `<${name}/>`);
      return;
    }
    // Comments, processing instructions and declarations between stanzas go nowhere.
    if (!stanza && (text.startsWith('<!') || text.startsWith('<?'))) return;
    this.out.write(text);
  }
}
