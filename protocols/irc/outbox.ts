/**
 * RFC 2812 §3.3.1 (PRIVMSG) and §5.2 (ERR_NOSUCHNICK, ERR_CANNOTSENDTOCHAN):
 * the messages the user sent, on their way out as PRIVMSG lines. Each answers
 * its sender exactly once: 'sent' when its last line is written, or 'queued'
 * when the connection is down (or drops while it waits); a queued message is
 * later written, or reported through 'send.failed' with its body, as is one
 * the server says it could not deliver. Nothing is lost without a word.
 */
import { AdapterError, type AdapterEvents, type SendResult } from '../adapter';
import { errorText } from '../common/error-text';
import { ACTION_OVERHEAD_BYTES, ctcp, meAction } from './ctcp';
import type { LineSource, Pacer } from './pacer';
import type { RelayPrefix } from './relay-prefix';
import { bodyLines, isWellFormed, splitBody } from './split';

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
    /** Reports a message that had already been answered and then could not be prepared. */
    private readonly onUnpreparable?: (message: OutgoingMessage) => void,
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
    try {
      this.prepare();
    } catch (err) {
      // Called from the pacer's timer: a throw here would reach the event loop.
      if (this.fail(`Could not prepare the message: ${errorText(err)}`)) this.onUnpreparable?.(this);
      return undefined;
    }
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
    const parts = this.estimateParts();
    this.answerWith(parts === undefined ? { status: 'queued' } : { status: 'queued', parts });
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

/** RFC 2812 §2.3.1: a nick or channel has no space, comma or control character (NUL, BEL, CR, LF…). */
export const isTarget = (name: string): boolean =>
  name.length > 0 && !name.startsWith(':') && ![...name].some((c) => c <= ' ' || c === ',');

const MAX_WAITING = 1000;
/** How long after a message a "no such nick" still counts as its failure. */
const UNDELIVERABLE_WINDOW_MS = 30_000;

export interface OutboxContext {
  pacer: Pacer;
  prefix: RelayPrefix;
  fold(name: string): string;
  /** A room's name as the user gave it. */
  roomName(room: string): string;
  sendFailed(failure: AdapterEvents['send.failed']): void;
  ownGroupMessage(message: AdapterEvents['group.message']): void;
}

export class Outbox {
  private readonly waiting = new Set<OutgoingMessage>();
  private readonly recent = new Map<string, { body: string; at: number; reported: boolean }>();

  constructor(private readonly ctx: OutboxContext) {}

  /** Checks and takes a message: written now if `online`, else queued for the next connection. */
  send(kind: MessageKind, target: string, body: string, online: boolean): Promise<SendResult> {
    const refuse = (message: string, kind: 'protocol' | 'network' = 'protocol') =>
      Promise.reject(new AdapterError(message, kind));
    if (!isTarget(target)) return refuse(`"${target}" cannot be an IRC ${kind === 'group' ? 'channel' : 'nick'}.`);
    if (!isWellFormed(body) || body.includes('\0'))
      return refuse('The message has characters IRC cannot carry (NUL or broken UTF-16).');
    if (bodyLines(body).length === 0) return refuse('Nothing to send: IRC cannot carry an empty message.');
    if (this.waiting.size >= MAX_WAITING)
      return refuse(`${MAX_WAITING} messages are already waiting to be sent: not taking more.`, 'network');
    return new Promise((resolve, reject) => {
      const message = new OutgoingMessage(
        target,
        body,
        kind,
        () => this.lines(target, body),
        { resolve, reject },
        (m) => this.written(m),
        (m) => {
          this.waiting.delete(m);
          this.ctx.sendFailed({ peer: m.target, body: m.body, reason: 'The message could not be prepared for IRC.' });
        },
      );
      this.waiting.add(message);
      if (online) message.prepare();
      else message.queued();
      this.ctx.pacer.addMessage(message);
    });
  }

  /** The connection dropped: every message still waiting answers 'queued' now, if it has not answered. */
  connectionLost(): void {
    for (const message of this.waiting) message.queued();
  }

  /** The account gives up: what waits fails, by rejection or, if already answered, by 'send.failed'. */
  failAll(reason: string): void {
    this.ctx.pacer.drainMessages();
    for (const message of this.waiting) {
      if (message.fail(reason))
        this.ctx.sendFailed({ peer: message.target, body: message.body, reason: `${reason}${message.progress}` });
    }
    this.waiting.clear();
  }

  /** The server could not deliver to `target` (no such nick, cannot send to channel): report the message it was. */
  undeliverable(target: string, reason: string): void {
    const entry = this.recent.get(this.ctx.fold(target));
    if (!entry || entry.reported || Date.now() - entry.at > UNDELIVERABLE_WINDOW_MS) return;
    entry.reported = true;
    this.ctx.sendFailed({ peer: target, body: entry.body, reason: `The server did not deliver it: ${reason}` });
  }

  /** The PRIVMSG lines for a body, sized for the prefix the server adds when relaying them. */
  private lines(target: string, body: string): string[] {
    const max = this.ctx.prefix.maxBodyFor(target);
    const action = meAction(body);
    if (action !== undefined)
      return splitBody(action, max - ACTION_OVERHEAD_BYTES).map((part) => `PRIVMSG ${target} :${ctcp('ACTION', part)}`);
    return splitBody(body, max).map((part) => `PRIVMSG ${target} :${part}`);
  }

  private written(message: OutgoingMessage): void {
    this.waiting.delete(message);
    const now = Date.now();
    this.recent.set(this.ctx.fold(message.target), { body: message.body, at: now, reported: false });
    for (const [key, entry] of this.recent) if (now - entry.at > UNDELIVERABLE_WINDOW_MS) this.recent.delete(key);
    if (message.kind === 'group') {
      this.ctx.ownGroupMessage({
        room: this.ctx.roomName(message.target),
        nick: this.ctx.prefix.nick,
        body: message.body,
        time: new Date(now),
        own: true,
      });
    }
  }
}
