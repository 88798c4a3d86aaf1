/**
 * The order of one account's Connects and Disconnects, which come as fast as a
 * person clicks while a disconnect takes network round trips (stream-management
 * acks, the server's goodbye, IRC's QUIT). Until a disconnect has ended, the
 * adapter still reports the closing connection as online, so a connect run in
 * that time is answered by the connection about to close, and the account ends
 * offline after a Connect. Here a connect waits for the disconnects asked for
 * before it; a disconnect never waits for a connect, since it must be able to
 * cancel one that hangs.
 */
export class SwitchOrder {
  private stopping: Promise<void> | undefined;
  private stops = 0;

  /** Runs a disconnect after those already under way. */
  stop(run: () => Promise<void>): Promise<void> {
    this.stops += 1;
    // A failed disconnect must not hold up the next one: it tries again.
    const stopping = (this.stopping ?? Promise.resolve()).catch(() => undefined).then(run);
    this.stopping = stopping;
    const settled = () => {
      if (this.stopping === stopping) this.stopping = undefined;
    };
    stopping.then(settled, settled);
    return stopping;
  }

  /**
   * Takes a connect's place in line, at once: call it when the request comes.
   * `ready()` resolves once the disconnects asked for before it have ended;
   * `current()` turns false when a disconnect is asked for after it.
   */
  start(): { ready(): Promise<void>; current(): boolean } {
    const stops = this.stops;
    return {
      ready: async () => {
        while (this.stopping && this.stops === stops) await this.stopping.catch(() => undefined);
      },
      current: () => this.stops === stops,
    };
  }
}
