/**
 * RFC 2812 §2.3 (Messages): the stream from the server is lines ending in
 * CR LF (a bare LF is accepted too: some servers send it). RFC 2812 caps a line at 512 bytes, and IRCv3 message-tags adds up to
 * 8191 bytes of tags; anything much longer is hostile or broken, so it is
 * dropped as it streams in, never buffered whole, and reported.
 *
 * Text is decoded as UTF-8 (IRCv3 "UTF8ONLY", and what ngIRCd advertises as
 * CHARSET). A line that is not valid UTF-8 is decoded with U+FFFD in place of
 * the bad bytes and flagged, so the caller can say what was lost.
 */

export interface FramedLine {
  text: string;
  /** The line had bytes that are not UTF-8; they were replaced by U+FFFD. */
  invalidUtf8: boolean;
}

/** 512 for the line, 8191 for tags, and room to spare. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024;

const LF = 0x0a;
const CR = 0x0d;

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

function decode(bytes: Buffer): FramedLine {
  try {
    return { text: strict.decode(bytes), invalidUtf8: false };
  } catch {
    return { text: lenient.decode(bytes), invalidUtf8: true };
  }
}

export class LineFramer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes thrown away of a line that is too long, while we wait for its end. */
  private discarding = 0;

  constructor(
    private readonly onOversized: (bytes: number) => void,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Feeds bytes from the socket; returns the complete lines they finish. */
  push(chunk: Buffer): FramedLine[] {
    const lines: FramedLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf;
      const piece = chunk.subarray(start, end);
      if (this.discarding > 0) {
        this.discarding += piece.length;
      } else if (this.pendingBytes + piece.length > this.maxLineBytes) {
        this.discarding = this.pendingBytes + piece.length;
        this.pending = [];
        this.pendingBytes = 0;
      } else if (piece.length > 0) {
        this.pending.push(piece);
        this.pendingBytes += piece.length;
      }
      if (lf === -1) break;
      this.endLine(lines);
      start = lf + 1;
    }
    return lines;
  }

  /** The connection ended: a line still being thrown away is reported now. */
  finish(): void {
    if (this.discarding > 0) this.onOversized(this.discarding);
    this.discarding = 0;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private endLine(lines: FramedLine[]): void {
    if (this.discarding > 0) {
      this.onOversized(this.discarding);
      this.discarding = 0;
      return;
    }
    let bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length === 0) return;
    lines.push(decode(bytes));
  }
}
