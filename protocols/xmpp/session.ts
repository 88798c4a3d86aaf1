/**
 * The life of an account's connection (RFC 6120 §3.3 reconnection, XEP-0198
 * §5 resumption): connect once on request; when an established connection
 * drops, try again by itself with growing, jittered delays (../common/backoff.ts)
 * until it is back, the user disconnects, or the server says something retrying
 * cannot fix (wrong password, untrusted certificate, signed in elsewhere).
 */
import { AdapterError, type ConnectionState } from '../adapter';
import { Backoff } from '../common/backoff';
import type { XmppConnection } from './connection';
import { classifyError } from './errors';
import type { Logger } from '../common/logger';

/** How long a polite close may take before the socket is simply closed. */
const STOP_GRACE_MS = 1500;

export interface SessionHooks {
  state(state: ConnectionState): void;
  /** Runs once an attempt succeeded, right after the state says online. Must not throw. */
  online(kind: 'new' | 'resumed'): void;
  /** The account stopped trying: queued messages must be reported. */
  stopped(reason: string): void;
}

export interface SessionOptions {
  /** How the server is named in messages for the user. */
  where: string;
  logger: Logger;
  attemptTimeoutMs?: number;
  random?: () => number;
  /** How long a connection must last for the next drop to wait only the first delay again (default 60 s). */
  stableAfterMs?: number;
}

export class Session {
  private current: ConnectionState = { state: 'offline' };
  private wanted = false;
  private readonly backoff: Backoff;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastError: unknown;
  private connecting: Promise<void> | undefined;
  private inFlight = false;
  /** connect() calls made while reconnecting: settled when online again, or when it stops. */
  private waiting: Array<{ resolve(): void; reject(err: AdapterError): void }> = [];

  constructor(
    private readonly connection: XmppConnection,
    private readonly options: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.backoff = new Backoff({ stableAfterMs: options.stableAfterMs, random: options.random });
    const { entity } = connection;
    entity.on('error', (err: unknown) => {
      this.lastError = err;
      options.logger.log(
        'warn',
        `${options.where}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      );
    });
    entity.on('disconnect', () => this.onDisconnect());
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The user wants this account online: messages written now are kept for later. */
  get active(): boolean {
    return this.wanted;
  }

  /**
   * After the stream is ready, waits one turn of the event loop before saying
   * online: xmpp.js enables stream management (XEP-0198 <enable/>) right after
   * announcing online, and what we send at login must come after it, or stream
   * management would not cover it. Then checks the connection is still there.
   */
  private async settled(kind: 'new' | 'resumed'): Promise<'new' | 'resumed'> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.connection.entity.status !== 'online')
      throw this.lastError ?? Object.assign(new Error('the connection closed during login'), { code: 'ECONNRESET' });
    return kind;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.hooks.state(state);
  }

  connect(): Promise<void> {
    if (this.current.state === 'online') return Promise.resolve();
    if (this.connecting) return this.connecting;
    if (this.current.state === 'reconnecting') {
      // Already trying: skip the wait and try now (unless an attempt is under way).
      const back = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
      if (!this.inFlight) this.tryAgain();
      return back;
    }
    this.wanted = true;
    this.backoff.restart();
    this.setState({ state: 'connecting' });
    this.connecting = this.firstAttempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async firstAttempt(): Promise<void> {
    try {
      const kind = await this.settled(await this.connection.open(this.options.attemptTimeoutMs ?? 20_000));
      if (!this.wanted) throw new Error('disconnected');
      this.becomeOnline(kind);
    } catch (err) {
      this.connection.abort();
      if (!this.wanted) throw new AdapterError('Disconnected before the connection was made.', 'network');
      const { error } = classifyError(err, this.options.where);
      this.giveUp(error);
      throw error;
    }
  }

  private becomeOnline(kind: 'new' | 'resumed'): void {
    this.backoff.online();
    this.lastError = undefined;
    this.options.logger.log(
      'info',
      `${this.options.where}: online as ${this.connection.boundJid() ?? '?'}${kind === 'resumed' ? ' (session resumed)' : ''}`,
    );
    this.setState({ state: 'online' });
    // After the state, so that what the hook sends (the queue) finds us online.
    this.hooks.online(kind);
    for (const w of this.waiting.splice(0)) w.resolve();
  }

  private giveUp(error: AdapterError): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    // No resumption will follow: end the stream-management session, which reports
    // what the server never acknowledged.
    this.connection.close(0).catch(() => undefined);
    this.setState({ state: 'error', kind: error.kind, reason: error.message });
    this.hooks.stopped(error.message);
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  private onDisconnect(): void {
    if (!this.wanted || this.current.state !== 'online') return;
    const { error, retry } = classifyError(
      this.lastError ?? Object.assign(new Error('closed'), { code: 'ECONNRESET' }),
      this.options.where,
    );
    if (!retry) {
      this.giveUp(error);
      return;
    }
    this.scheduleRetry(error.message);
  }

  private scheduleRetry(reason: string): void {
    const { attempt, retryInMs } = this.backoff.next();
    this.options.logger.log(
      'info',
      `${this.options.where}: reconnecting, attempt ${attempt} in ${retryInMs} ms (${reason})`,
    );
    this.setState({ state: 'reconnecting', attempt, retryInMs, reason });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.tryAgain(), retryInMs);
  }

  private tryAgain(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.inFlight = true;
    const attempt = this.connection.open(this.options.attemptTimeoutMs ?? 20_000).then((kind) => this.settled(kind));
    attempt.then(
      (kind) => {
        this.inFlight = false;
        if (this.wanted) this.becomeOnline(kind);
        else this.connection.abort();
      },
      (err: unknown) => {
        this.inFlight = false;
        this.connection.abort();
        if (!this.wanted) return;
        const { error, retry } = classifyError(err, this.options.where);
        if (retry) this.scheduleRetry(error.message);
        else this.giveUp(error);
      },
    );
  }

  /** Goes offline for good: closes the stream politely when there is one. */
  async disconnect(reason = 'Signed off.'): Promise<void> {
    const wasWanted = this.wanted;
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.current.state === 'online') {
      await this.connection.drainAcks(2000);
      await this.connection.close(STOP_GRACE_MS);
    } else {
      // Not connected (or half-way): what the server never acknowledged before
      // the connection dropped is reported now, since it will not be resumed.
      await this.connection.close(0);
    }
    if (this.current.state !== 'offline') this.setState({ state: 'offline' });
    if (wasWanted) this.hooks.stopped(reason);
    for (const w of this.waiting.splice(0))
      w.reject(new AdapterError('Disconnected before the connection was back.', 'network'));
  }
}
