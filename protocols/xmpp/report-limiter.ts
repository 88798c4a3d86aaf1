/**
 * RFC 6120 §13.12 (denial of service), for our own reports: a server or peer
 * sending thousands of bad stanzas must not turn into thousands of `dropped`
 * events for the app. Up to `max` reports pass in each window; the rest are
 * counted and summed up in one report when the window ends.
 */

export class ReportLimiter {
  private windowStart = -Infinity;
  private passed = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly emit: (reason: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  report(reason: string): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.flush();
      this.windowStart = t;
      this.passed = 0;
    }
    if (this.passed < this.max) {
      this.passed += 1;
      this.emit(reason);
      return;
    }
    this.suppressed += 1;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), Math.max(0, this.windowStart + this.windowMs - t));
      this.timer.unref();
    }
  }

  /** Emits the summary of what was held back, if anything was. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed === 0) return;
    const n = this.suppressed;
    this.suppressed = 0;
    this.emit(`…and ${n} more report(s) of dropped input in ${this.windowMs / 1000} s, not listed one by one.`);
  }
}
