/**
 * RFC 1459 §8.10 (Flood control of clients), on the sending side: every line
 * we write, the IRC library's and our own, leaves through this queue at the
 * pace of a FloodClock.
 *
 * Three lanes, in order: PONG and QUIT go at once (a late PONG costs the
 * connection); then the connection's own lines (registration, JOIN, AWAY…),
 * which belong to one connection and are dropped with it; then messages, which
 * wait for registration and outlive a connection: a message not yet written
 * when the connection drops is written after the next registration.
 */
import { FloodClock } from './flood-clock';

/** A message's lines, handed out one at a time when one may be written. */
export interface LineSource {
  /** The next line to write now, or undefined once there is none left. */
  take(): string | undefined;
}

type Sink = (line: string) => void;

const PRIORITY = /^(PONG|QUIT)\b/i;

export class Pacer {
  private sink: Sink | undefined;
  private ready = false;
  private control: { line: string; written?: (() => void) | undefined }[] = [];
  private messages: LineSource[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clock: FloodClock = new FloodClock(),
    private readonly now: () => number = Date.now,
  ) {}

  /** A connection is open: lines may go to `sink`. Messages wait for `setReady(true)`. */
  open(sink: Sink): void {
    this.sink = sink;
    this.ready = false;
    this.control = [];
    this.clock.reset();
    this.pump();
  }

  /** The connection behind `sink` closed: its own lines go with it; messages stay. */
  close(sink: Sink): void {
    if (this.sink !== sink) return;
    this.sink = undefined;
    this.ready = false;
    const dropped = this.control;
    this.control = [];
    this.cancelTimer();
    // The library waits on these callbacks (e.g. to close after QUIT); never leave it hanging.
    for (const entry of dropped) entry.written?.();
  }

  /** Registered (and we know how the server shows us): messages may go. */
  setReady(ready: boolean): void {
    this.ready = ready;
    this.pump();
  }

  /** A line of the connection itself; `written` runs once it is written or dropped. */
  sendControl(line: string, written?: () => void): void {
    if (!this.sink) {
      written?.();
      return;
    }
    if (PRIORITY.test(line)) {
      this.write(line);
      written?.();
      return;
    }
    this.control.push({ line, written });
    this.pump();
  }

  addMessage(source: LineSource): void {
    this.messages.push(source);
    this.pump();
  }

  /** Takes every message out (the account gives up); the caller reports them. */
  drainMessages(): LineSource[] {
    const taken = this.messages;
    this.messages = [];
    return taken;
  }

  get pendingMessages(): number {
    return this.messages.length;
  }

  private write(line: string): void {
    this.sink?.(line);
    this.clock.spend(this.now(), Buffer.byteLength(line, 'utf8') + 2);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    this.cancelTimer();
    while (this.sink) {
      if (this.control.length === 0 && !(this.ready && this.messages.length > 0)) return;
      const wait = this.clock.waitMs(this.now());
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const control = this.control.shift();
      if (control) {
        this.write(control.line);
        control.written?.();
        continue;
      }
      const source = this.messages[0];
      const line = source?.take();
      if (line === undefined) {
        this.messages.shift();
        continue;
      }
      this.write(line);
    }
  }
}
