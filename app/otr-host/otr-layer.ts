/**
 * The OTR policy layer of one account: every one-to-one message between the
 * account's adapter and the rest of the core passes through here. It keeps one
 * otr/ Conversation per buddy, applies the buddy's policy, routes OTR messages
 * to the XMPP resource of the instance they belong to, sends through one
 * ordered outbox per buddy (peer-outbox.ts), and turns what the library
 * reports into conversation lines and API events.
 */
import {
  createConversation,
  policyForLevel,
  toHex,
  type OtrConversation,
  type Outcome,
  type V4Identity,
} from '../../otr';
import type { IncomingMessage } from '../../protocols/adapter';
import type { OtrStatus } from '../api/shapes';
import { startingOtr } from '../wording/core-lines';
import { describeOtrEvent } from '../wording/otr-lines';
import type { OtrLayerOptions, Sending, SendStatus } from './layer-types';
import { apiStatus } from './otr-status';
import { PeerOutbox } from './peer-outbox';

export type { LineOutcome, OtrIdentity, OtrLayerEvents, OtrLayerOptions, Sending, SendStatus } from './layer-types';

/** Quiet conversations with nothing private or pending are dropped after this long, and beyond this many. */
const IDLE_MS = 10 * 60_000;
const MAX_CONVERSATIONS = 1000;

export class OtrLayer {
  private readonly conversations = new Map<string, OtrConversation>();
  /** OTR instance tag -> XMPP resource, learnt from where each instance's messages come from. */
  private readonly instanceRoutes = new Map<string, Map<number, string>>();
  private readonly outbox: PeerOutbox;

  constructor(private readonly o: OtrLayerOptions) {
    this.outbox = new PeerOutbox({
      adapter: o.adapter,
      route: (peer, tag) => this.instanceRoutes.get(peer)?.get(tag),
      failed: (peer, ids) => this.o.events.lines(peer, ids, { status: 'failed' }),
    });
  }

  /** On IRC the room for a message depends on the peer's nick and on our own prefix, learnt once connected. */
  private maxBytesFor(peer: string): number {
    return this.o.adapter.maxMessageBytesFor?.(peer) ?? this.o.adapter.maxMessageBytes;
  }

  private fingerprintVerified(peer: string, fp: Uint8Array | undefined): boolean {
    return fp !== undefined && this.o.identity.isVerified(peer, toHex(fp));
  }

  conversation(peer: string): OtrConversation {
    let conv = this.conversations.get(peer);
    if (conv) {
      conv.setMaxMessageBytes(this.maxBytesFor(peer));
      return conv;
    }
    if (this.conversations.size >= MAX_CONVERSATIONS) this.evictIdle(0);
    conv = createConversation({
      env: this.o.env,
      ourKey: this.o.identity.key,
      ourTag: this.o.identity.instanceTag,
      policy: policyForLevel(this.o.policyFor(peer)),
      accountName: this.o.accountName,
      maxMessageBytes: this.maxBytesFor(peer),
      ...(this.o.adapter.stripsTrailingWhitespace ? { whitespaceTagFirst: true } : {}),
      ...(this.o.fragmentBudget ? { fragmentBudget: this.o.fragmentBudget } : {}),
      trust: {
        isTrusted: (fp) => this.fingerprintVerified(peer, fp),
        hasTrusted: () => this.o.identity.hasVerified(peer),
      },
      ...this.v4Options(peer),
    });
    this.conversations.set(peer, conv);
    return conv;
  }

  /**
   * OTRv4 with the account's v4 keys. phi' names both parties as the network does,
   * lower case: both sides must write the same bytes (otr/v4/dake/phi.ts).
   */
  private v4Options(peer: string): { v4?: V4Identity } {
    const v4 = this.o.identity.v4;
    if (!v4) return {};
    const names = { ours: this.o.nameForPeers.toLowerCase(), theirs: peer.toLowerCase() };
    return { v4: { identity: v4.identity, forgingKey: v4.forgingKey, profile: () => v4.profile(), names } };
  }

  /** The buddy's policy changed: existing conversations follow it from now on. */
  policyChanged(peer?: string): void {
    for (const [p, conv] of this.conversations)
      if (peer === undefined || p === peer) conv.setPolicy(policyForLevel(this.o.policyFor(p)));
  }

  /** The user's message: decided at once (encrypt, hold, plaintext or refuse), delivered in order behind what is queued. */
  send(peer: string, text: string): Sending {
    const out = this.conversation(peer).send(text, { id: this.o.newMessageId() });
    const delivery = this.outbox.enqueue(peer, out.send);
    const fingerprint = out.fingerprint && toHex(out.fingerprint);
    const done = (async (): Promise<SendStatus> => {
      await this.apply(peer, out);
      const delivered = await delivery;
      if (out.status !== 'sent') return out.status === 'held' ? 'queued' : 'refused';
      if (delivered === 'queued') this.o.events.lines(peer, [out.id], { status: 'queued' });
      return delivered;
    })();
    return {
      id: out.id,
      text: out.text,
      status: out.status,
      encrypted: out.encrypted,
      verified: this.fingerprintVerified(peer, out.fingerprint),
      ...(fingerprint ? { fingerprint } : {}),
      done,
    };
  }

  async receive(msg: IncomingMessage): Promise<void> {
    const conv = this.conversation(msg.peer);
    const before = conv.status().state;
    const out = conv.receive(msg.body);
    if (msg.instance) this.learnRoutes(msg.peer, msg.instance, out);
    // Replies (an AKE's last message among them) are on their way before "private" is announced.
    const delivery = this.deliver(msg.peer, out);
    await this.apply(msg.peer, out);
    for (const r of [...(out.received ? [out.received] : []), ...(out.alsoReceived ?? [])]) {
      const fingerprint = r.fingerprint && toHex(r.fingerprint);
      const verified = r.encrypted && this.fingerprintVerified(msg.peer, r.fingerprint);
      this.o.events.message(msg.peer, {
        text: r.text,
        encrypted: r.encrypted,
        verified,
        ...(fingerprint ? { fingerprint } : {}),
        time: msg.time,
      });
    }
    if (conv.status().state !== before) this.o.events.state(msg.peer);
    await delivery;
  }

  async start(peer: string): Promise<void> {
    const out = this.conversation(peer).start();
    const delivery = this.deliver(peer, out);
    await this.apply(peer, out);
    this.o.events.note(peer, startingOtr(peer));
    await delivery;
  }

  async end(peer: string): Promise<void> {
    const conv = this.conversations.get(peer);
    if (!conv) return;
    const out = conv.end();
    const delivery = this.deliver(peer, out);
    await this.apply(peer, out);
    this.o.events.state(peer);
    await delivery;
  }

  /** The Socialist Millionaires' Protocol with the buddy's current instance. */
  async smp(
    peer: string,
    action: { start: { secret: string; question?: string } } | { respond: string } | 'abort',
  ): Promise<void> {
    const conv = this.conversation(peer);
    const out =
      action === 'abort'
        ? conv.smpAbort()
        : 'start' in action
          ? conv.smpStart(action.start.secret, action.start.question)
          : conv.smpRespond(action.respond);
    await this.run(peer, out);
  }

  /** The user chose the login messages go to (held ones too); undefined goes back to the automatic choice. */
  async selectInstance(peer: string, instanceTag: number | undefined): Promise<void> {
    await this.run(peer, this.conversation(peer).selectInstance(instanceTag));
    this.o.events.state(peer);
  }

  /** Timeouts: AKEs without an answer, held messages that waited too long, stale fragments, idle conversations. */
  async tick(): Promise<void> {
    for (const [peer, conv] of this.conversations) {
      const out = conv.tick();
      if (out.events.length || out.send.length) await this.run(peer, out);
    }
    this.evictIdle(IDLE_MS);
  }

  /** The adapter reported a message undeliverable after it had accepted it. */
  deliveryFailed(peer: string, body: string): void {
    const id = this.outbox.undelivered(peer, body);
    if (id !== undefined) this.o.events.lines(peer, [id], { status: 'failed' });
  }

  status(peer: string): OtrStatus {
    return apiStatus(this.conversation(peer).status(), peer, this.o.identity);
  }

  peers(): string[] {
    return [...this.conversations.keys()];
  }

  private evictIdle(idleMs: number): void {
    for (const [peer, conv] of this.conversations) {
      if (!conv.isIdle(idleMs) || this.outbox.busy(peer)) continue;
      this.conversations.delete(peer);
      this.instanceRoutes.delete(peer);
    }
  }

  /** Queues what an engine call produced; errors are logged (the user's own sends report theirs). */
  private deliver(peer: string, out: Outcome): Promise<unknown> {
    return this.outbox
      .enqueue(peer, out.send)
      .catch((err: unknown) =>
        this.o.logger.log('warn', `otr ${peer}: ${err instanceof Error ? err.message : String(err)}`),
      );
  }

  private async run(peer: string, out: Outcome): Promise<void> {
    const delivery = this.deliver(peer, out);
    await this.apply(peer, out);
    await delivery;
  }

  private learnRoutes(peer: string, resource: string, out: Outcome): void {
    let routes = this.instanceRoutes.get(peer);
    if (!routes) this.instanceRoutes.set(peer, (routes = new Map()));
    if (out.received?.instanceTag) routes.set(out.received.instanceTag, resource);
    for (const m of out.send) if (m.instanceTag !== undefined) routes.set(m.instanceTag, resource);
  }

  /** Turns the library's events into lines, state changes and follow-up work. */
  private async apply(peer: string, out: Outcome): Promise<void> {
    for (const event of out.events) {
      const verdict =
        event.type === 'gone-secure'
          ? await this.o.identity.observeFingerprint(peer, toHex(event.fingerprint))
          : undefined;
      switch (event.type) {
        case 'gone-secure':
          this.o.events.state(peer);
          break;
        case 'smp':
          if (event.kind === 'succeeded' && event.markVerified) {
            await this.o.identity.verifiedBySmp(peer, toHex(event.fingerprint));
            this.o.events.state(peer);
          }
          break;
        case 'held-sent':
        case 'resent': {
          const fingerprint = toHex(event.fingerprint);
          this.o.events.lines(peer, event.ids, {
            status: 'sent',
            encrypted: true,
            verified: this.o.identity.isVerified(peer, fingerprint),
            fingerprint,
          });
          break;
        }
        case 'held-expired':
        case 'not-resent':
          this.o.events.lines(peer, event.ids, { status: 'failed' });
          break;
        case 'ake-ignored':
          this.o.logger.log('debug', `otr ${peer}: AKE message ignored (${event.reason})`);
          break;
        case 'heartbeat-sent':
        case 'replayed':
          this.o.logger.log('debug', `otr ${peer}: ${event.type}`);
          break;
        // Lines only (otr-lines.ts), or for the SMP and extra-key listeners of otrEvent.
        case 'peer-ended':
        case 'gone-plaintext':
        case 'message-held':
        case 'held-waiting':
        case 'instance-withheld':
        case 'instance-switched':
        case 'offer-declined':
        case 'ake-no-answer':
        case 'not-sent':
        case 'received-unencrypted':
        case 'unreadable':
        case 'malformed':
        case 'for-other-instance':
        case 'peer-error':
        case 'extra-key':
        case 'tlvs':
          break;
        default:
          event satisfies never;
      }
      for (const note of describeOtrEvent(peer, event, verdict)) this.o.events.note(peer, note);
      this.o.events.otrEvent(peer, event);
    }
  }
}
