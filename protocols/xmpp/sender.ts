/**
 * Sending messages so that none is lost without a word: written at once when
 * online; held while (re)connecting and sent in order once back, with their
 * original time (XEP-0203); resent when stream management (XEP-0198 §5) could
 * not resume and the server never acknowledged them; reported as `send.failed`
 * when the account stops trying or a message failed too often.
 */
import type { Element } from '@xmpp/xml';
import { AdapterError, type AdapterEvents, type ConnectionState, type SendResult } from '../adapter';
import { MAX_ATTEMPTS, Outbox, type OutgoingMessage } from './outbox';
import { chatMessage, sentMessage } from './stanzas';

export interface SenderDeps {
  write(element: Element): Promise<void>;
  state(): ConnectionState;
  /** The account is meant to be online (connecting, online or reconnecting). */
  active(): boolean;
  /** Room messages wait until the room is joined again after a reconnect. */
  roomReady(room: string): boolean;
  ownJid(): string | undefined;
  emit<E extends keyof AdapterEvents>(event: E, payload: AdapterEvents[E]): void;
}

export class Sender {
  readonly outbox = new Outbox();
  private flushing = false;
  private flushAgain = false;
  /** Unacknowledged messages reported in this turn of the event loop, in order. */
  private unacknowledged: OutgoingMessage[] = [];

  constructor(private readonly deps: SenderDeps) {}

  /** Builds the stanza; throws an AdapterError for a message that can never be sent. */
  stanza(message: OutgoingMessage, delayed: boolean): Element {
    return chatMessage({
      to: message.instance ? `${message.peer}/${message.instance}` : message.peer,
      body: message.body,
      id: message.id,
      type: message.kind === 'group' ? 'groupchat' : 'chat',
      otr: message.otr,
      delayedSince: delayed ? message.createdAt : undefined,
      from: this.deps.ownJid(),
    });
  }

  private canWriteNow(message: OutgoingMessage): boolean {
    return this.deps.state().state === 'online' && (message.kind === 'chat' || this.deps.roomReady(message.peer));
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.stanza(message, false); // refuses an unsendable message before it is queued
    // Queued messages go first, so a new one waits behind them.
    if (this.canWriteNow(message) && this.outbox.size === 0 && !this.flushing) {
      if (await this.write(message, false)) return { status: 'sent' };
    }
    if (!this.deps.active())
      throw new AdapterError('The account is not connected; the message was not sent.', 'network');
    if (!this.outbox.enqueue(message))
      throw new AdapterError('Too many messages are waiting for the connection; this one was not sent.', 'network');
    if (this.deps.state().state === 'online') this.flush();
    return { status: 'queued' };
  }

  /**
   * Writes one message; false when the connection failed under it (the caller
   * keeps it). Only a write that went out counts as an attempt: one refused by
   * a closed socket never reached the server.
   */
  private async write(message: OutgoingMessage, delayed: boolean): Promise<boolean> {
    this.outbox.remember(message);
    try {
      await this.deps.write(this.stanza(message, delayed));
      message.attempts += 1;
      return true;
    } catch {
      this.outbox.recall(message.id);
      return false;
    }
  }

  /** Sends what waited, in order; what still cannot go stays queued. */
  flush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    void this.flushLoop().finally(() => {
      this.flushing = false;
      if (this.flushAgain) {
        this.flushAgain = false;
        this.flush();
      }
    });
  }

  private async flushLoop(): Promise<void> {
    const waiting = this.outbox.takeAll();
    const keep: OutgoingMessage[] = [];
    for (const message of waiting) {
      if (!this.canWriteNow(message) || !(await this.write(message, true))) keep.push(message);
    }
    if (keep.length > 0) this.outbox.requeue(keep);
  }

  /**
   * Stream management gave up on a stanza the server never acknowledged (the
   * session could not be resumed, or we went offline): try once more in the
   * new session, or report it. A message sent so long ago that the outbox no
   * longer remembers it is read back from the stanza itself: never dropped.
   */
  onUnacknowledged(stanza: Element): void {
    if (stanza.name !== 'message' || !stanza.attrs.id) return;
    const message = this.outbox.recall(stanza.attrs.id) ?? sentMessage(stanza);
    if (!message) return;
    if (this.deps.active() && message.attempts < MAX_ATTEMPTS) {
      // XEP-0198 reports them one by one, oldest first, all at once: they go
      // back to the front of the queue together, in that order.
      if (this.unacknowledged.push(message) === 1) queueMicrotask(() => this.putBack());
      return;
    }
    const reason = this.deps.active()
      ? 'The server did not confirm it after several attempts.'
      : 'The connection closed before the server confirmed it.';
    this.deps.emit('send.failed', { peer: message.peer, body: message.body, reason });
  }

  private putBack(): void {
    this.outbox.requeue(this.unacknowledged.splice(0));
    if (this.deps.state().state === 'online') this.flush();
  }

  /** The account stopped: everything still waiting is reported. */
  failAll(reason: string): void {
    for (const message of this.outbox.takeAll())
      this.deps.emit('send.failed', { peer: message.peer, body: message.body, reason: `Not sent: ${reason}` });
  }
}
