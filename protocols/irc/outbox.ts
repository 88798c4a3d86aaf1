/**
 * RFC 2812 §3.3.1 (PRIVMSG): one message the user sent, on its way out as one
 * or more PRIVMSG lines. It answers the sender exactly once: 'sent' when its
 * last line is written, or 'queued' when the connection is down (or drops
 * while it waits); a queued message is later written, or reported through
 * 'send.failed' with its body. Nothing is lost without a word.
 */
import { AdapterError, type SendResult } from '../adapter';
import type { LineSource } from './pacer';

export type MessageKind = 'direct' | 'group';

export class OutgoingMessage implements LineSource {
  private lines: string[] | undefined;
  private written = 0;
  private answered = false;
  private finished = false;

  constructor(
    readonly target: string,
    readonly body: string,
    readonly kind: MessageKind,
    /** Builds the lines, as late as possible: how many depends on who we are at the time. */
    private readonly build: () => string[],
    private readonly answer: { resolve(result: SendResult): void; reject(error: AdapterError): void },
    private readonly onWritten: (message: OutgoingMessage) => void,
  ) {}

  /** Builds the lines now, so the answer can say how many parts there are. */
  prepare(): number {
    this.lines ??= this.build();
    return this.lines.length;
  }

  get done(): boolean {
    return this.finished;
  }

  /** A description of the progress, for a failure report. */
  get progress(): string {
    const total = this.lines?.length;
    return total && this.written > 0 ? ` (${this.written} of ${total} parts had been sent)` : '';
  }

  take(): string | undefined {
    if (this.finished) return undefined;
    this.prepare();
    const line = this.lines?.[this.written];
    if (line === undefined) {
      this.finish();
      return undefined;
    }
    this.written += 1;
    if (this.written === this.lines?.length) this.finish();
    return line;
  }

  private finish(): void {
    this.finished = true;
    this.answerWith({ status: 'sent', parts: this.lines?.length ?? 0 });
    this.onWritten(this);
  }

  /** The connection is down: the sender hears 'queued' now, if it has heard nothing yet. */
  queued(): void {
    this.answerWith({ status: 'queued', parts: this.estimateParts() });
  }

  /** The account gives up. Returns true when the sender was already answered, so the failure must be reported as an event. */
  fail(reason: string): boolean {
    this.finished = true;
    if (this.answered) return true;
    this.answered = true;
    this.answer.reject(new AdapterError(reason, 'network'));
    return false;
  }

  private answerWith(result: SendResult): void {
    if (this.answered) return;
    this.answered = true;
    this.answer.resolve(result);
  }

  /** How many parts it would take now; the lines themselves are built when it goes. */
  private estimateParts(): number | undefined {
    try {
      return this.lines?.length ?? this.build().length;
    } catch {
      return undefined;
    }
  }
}
