/**
 * One ordered way out per buddy of an account. What a conversation produces
 * leaves in the order it was produced: the fragments of one OTR message back
 * to back, with nothing else to that buddy between them, and an AKE's last
 * message ahead of anything typed once the conversation says "private". A
 * libotr peer keeps one reassembly buffer per instance and drops both
 * messages when fragments interleave, and cannot read data that overtakes
 * the Signature message that makes it private.
 *
 * Callers queue output synchronously, right after the engine call that
 * produced it; the queue, not the caller, awaits the adapter.
 */
import type { Outgoing } from '../../otr';
import type { ProtocolAdapter } from '../../protocols/adapter';

/** Bodies of sent messages remembered, to name the message a later delivery failure is about. */
const REMEMBERED = 1024;

export interface PeerOutboxOptions {
  adapter: ProtocolAdapter;
  /** The login (XMPP resource) an OTR instance was last heard from. */
  route(peer: string, instanceTag: number): string | undefined;
  /** Messages of the user's that did not leave, or that the adapter later reported undeliverable. */
  failed(peer: string, messageIds: number[], reason: string): void;
}

export class PeerOutbox {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly sentBodies = new Map<string, { peer: string; messageId: number }>();

  constructor(private readonly o: PeerOutboxOptions) {}

  /**
   * Queues `messages` for `peer` behind everything queued before. Resolves to
   * 'queued' when the adapter holds some until it is connected again; rejects
   * with the adapter's error, after reporting the user's messages that did not
   * leave (the rest of the batch is dropped: a message missing a fragment is lost anyway).
   */
  enqueue(peer: string, messages: readonly Outgoing[]): Promise<'sent' | 'queued'> {
    if (messages.length === 0) return Promise.resolve('sent');
    const run = (this.tails.get(peer) ?? Promise.resolve()).then(() => this.write(peer, messages));
    const tail = run.catch(() => undefined);
    this.tails.set(peer, tail);
    void tail.then(() => {
      if (this.tails.get(peer) === tail) this.tails.delete(peer);
    });
    return run;
  }

  /** Something is still on its way to `peer`. */
  busy(peer: string): boolean {
    return this.tails.has(peer);
  }

  /** The adapter could not deliver `body` after all: the user's message it carried, if any. */
  undelivered(peer: string, body: string): number | undefined {
    const sent = this.sentBodies.get(body);
    if (!sent || sent.peer !== peer) return undefined;
    this.sentBodies.delete(body);
    return sent.messageId;
  }

  private async write(peer: string, messages: readonly Outgoing[]): Promise<'sent' | 'queued'> {
    let status: 'sent' | 'queued' = 'sent';
    for (const [i, m] of messages.entries()) {
      const resource = m.instanceTag === undefined ? undefined : this.o.route(peer, m.instanceTag);
      try {
        const result = await this.o.adapter.sendMessage(peer, m.text, {
          otr: m.otr,
          ...(resource ? { instance: resource } : {}),
        });
        if (result.status !== 'sent') status = 'queued';
      } catch (err) {
        const ids = [...new Set(messages.slice(i).flatMap((x) => (x.messageId === undefined ? [] : [x.messageId])))];
        if (ids.length > 0) this.o.failed(peer, ids, err instanceof Error ? err.message : String(err));
        throw err;
      }
      if (m.messageId !== undefined) this.remember(peer, m.text, m.messageId);
    }
    return status;
  }

  private remember(peer: string, body: string, messageId: number): void {
    this.sentBodies.set(body, { peer, messageId });
    if (this.sentBodies.size > REMEMBERED) this.sentBodies.delete(this.sentBodies.keys().next().value as string);
  }
}
