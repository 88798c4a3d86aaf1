/**
 * Staying connected: one Session (session.ts) at a time, the ConnectionState
 * the app sees, and reconnection with backoff (../common/backoff.ts) after the
 * server goes away. A failure a retry cannot mend (wrong password, untrusted
 * certificate, no usable nick) stops it with the reason; network failures are
 * retried until the user disconnects. The backoff starts over only after a
 * connection that stayed up a while (a K-line, a ban, a broken bouncer).
 */
import { AdapterError, type ConnectionState } from '../adapter';
import { Backoff } from '../common/backoff';
import type { Session } from './session';

/** How a session reports the end of its registration, or of its connection. */
export interface SessionEnd {
  registered(nick: string): void;
  failed(error: AdapterError): void;
  closed(reason: string): void;
}

export interface LinkHooks {
  /** A new connection attempt; `end` is how the session reports its end. `current()` is false once it is stale. */
  createSession(end: SessionEnd, current: () => boolean): Session;
  /** Registered and ready: restore channels, presence… */
  online(session: Session, nick: string): void;
  /** Any end of a connection, whatever comes next. */
  ended(): void;
  /** The connection dropped and we will try again. */
  lost(reason: string): void;
  /** We stopped: `reason` for what was still waiting to be sent. */
  stopped(reason: string): void;
  state(state: ConnectionState): void;
}

const toAdapterError = (err: unknown) => (err instanceof AdapterError ? err : new AdapterError(String(err), 'network'));

export class Link {
  private current: ConnectionState = { state: 'offline' };
  private session: Session | undefined;
  /** The user wants to be connected: reconnect when the connection drops. */
  private wanted = false;
  private readonly backoff: Backoff;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private pending: Promise<void> | undefined;
  private readonly waiting = new Set<{ resolve(): void; reject(err: AdapterError): void }>();

  constructor(
    private readonly hooks: LinkHooks,
    stableAfterMs?: number,
  ) {
    this.backoff = new Backoff({ stableAfterMs });
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The registered connection, if any: for lines of the connection itself. */
  get live(): Session | undefined {
    return this.current.state === 'online' ? this.session : undefined;
  }

  connect(): Promise<void> {
    if (this.current.state === 'online') return Promise.resolve();
    if (this.current.state === 'reconnecting') {
      // Try now rather than at the end of the backoff, and answer when it is back.
      if (this.retry) {
        this.cancelRetry();
        this.attemptReconnect();
      }
      return new Promise((resolve, reject) => this.waiting.add({ resolve, reject }));
    }
    if (this.pending) return this.pending;
    this.wanted = true;
    this.backoff.restart();
    this.setState({ state: 'connecting' });
    this.pending = this.open()
      .catch((err: unknown) => {
        const error = toAdapterError(err);
        if (!this.wanted) throw new AdapterError('The connection was cancelled.', 'network');
        this.stop(error);
        throw error;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  async disconnect(): Promise<void> {
    if (this.current.state === 'offline' && !this.session) return;
    this.wanted = false;
    this.cancelRetry();
    const session = this.session;
    this.session = undefined;
    await session?.quit('Leaving');
    this.hooks.ended();
    this.hooks.stopped('The account was disconnected before the message was sent.');
    this.setState({ state: 'offline' });
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const session: Session = this.hooks.createSession(
        {
          registered: (nick) => {
            if (this.session !== session) return;
            this.backoff.online();
            this.setState({ state: 'online' });
            this.hooks.online(session, nick);
            resolve();
          },
          failed: (error) => {
            if (this.session === session) this.session = undefined;
            reject(error);
          },
          closed: (reason) => {
            if (this.session === session) this.dropped(reason);
          },
        },
        () => this.session === session,
      );
      this.session = session;
      session.start();
    });
  }

  private dropped(reason: string): void {
    this.session = undefined;
    this.hooks.ended();
    this.hooks.lost(reason);
    if (this.wanted) this.scheduleReconnect(reason);
    else this.setState({ state: 'offline' });
  }

  private scheduleReconnect(reason: string): void {
    const { attempt, retryInMs } = this.backoff.next();
    this.setState({ state: 'reconnecting', attempt, retryInMs, reason });
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.attemptReconnect();
    }, retryInMs);
  }

  private attemptReconnect(): void {
    this.open().catch((err: unknown) => {
      if (!this.wanted) return;
      const error = toAdapterError(err);
      if (error.kind === 'network') this.scheduleReconnect(error.message);
      else this.stop(error);
    });
  }

  /** A failure a retry cannot mend: stop, and say why. */
  private stop(error: AdapterError): void {
    this.wanted = false;
    this.cancelRetry();
    this.session?.destroy();
    this.session = undefined;
    this.hooks.ended();
    this.hooks.stopped(`Not sent: ${error.message}`);
    this.setState({ state: 'error', kind: error.kind, reason: error.message });
  }

  private cancelRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.hooks.state(state);
    if (state.state === 'reconnecting' || state.state === 'connecting') return;
    for (const waiter of this.waiting) {
      if (state.state === 'online') waiter.resolve();
      else
        waiter.reject(
          new AdapterError(
            state.state === 'error' ? state.reason : 'The account went offline.',
            state.state === 'error' ? state.kind : 'network',
          ),
        );
    }
    this.waiting.clear();
  }
}
