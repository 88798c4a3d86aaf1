/**
 * Waiting in a test for something to show up in a list that grows as a
 * connection runs (events, lines), failing with what did arrive instead.
 */

export interface WaitOptions<T> {
  /** Look from this index on (items already there count, unless skipped). */
  since?: number | undefined;
  timeoutMs: number;
  /** True once nothing more can arrive: fail at once rather than at the timeout. */
  ended?: () => boolean;
  /** The error to fail with, given why and what was seen from `since` on. */
  failure(why: 'timeout' | 'ended', seen: readonly T[]): Error;
}

/** Whoever waits on one growing list; `changed()` wakes them to look again. */
export class Waiters<T> {
  private readonly waiting = new Set<() => void>();

  constructor(private readonly list: readonly T[]) {}

  changed(): void {
    for (const look of [...this.waiting]) look();
  }

  /** The first item from `since` on that matches, past or future. */
  first(match: (item: T) => boolean, options: WaitOptions<T>): Promise<T> {
    const since = options.since ?? 0;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(look);
      };
      const look = () => {
        const found = this.list.slice(since).find(match);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (options.ended?.()) {
          done();
          reject(options.failure('ended', this.list.slice(since)));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(options.failure('timeout', this.list.slice(since)));
      }, options.timeoutMs);
      this.waiting.add(look);
      look();
    });
  }
}
