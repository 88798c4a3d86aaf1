/**
 * The OTR policy layer of one account: every one-to-one message between the
 * account's adapter and the rest of the core passes through here. It keeps one
 * otr/ Conversation per buddy, applies the buddy's policy, routes OTR messages
 * to the XMPP resource of the instance they belong to, and turns what the
 * library reports into conversation lines and API events.
 */
import { toHex } from '../../otr/bytes';
import type { DsaPrivateKey } from '../../otr/crypto/dsa';
import type { OtrEnv } from '../../otr/crypto/env';
import { Conversation, type Outcome, type Outgoing } from '../../otr/session/conversation';
import type { OtrEvent } from '../../otr/session/events';
import { policyForLevel, type PolicyLevel } from '../../otr/session/policy';
import type { IncomingMessage, ProtocolAdapter } from '../../protocols/adapter';
import type { Logger } from '../log';
import { describeOtrEvent, type LineNote } from './otr-lines';

export type TrustVerdict = 'new' | 'known-unverified' | 'verified' | 'changed';

/** What the layer needs of the key and trust store. */
export interface OtrIdentity {
  key: DsaPrivateKey;
  instanceTag: number;
  /** Records the fingerprint as seen and says what was known of it. */
  observeFingerprint(peer: string, fingerprintHex: string): Promise<TrustVerdict> | TrustVerdict;
  isVerified(peer: string, fingerprintHex: string): boolean;
  /** The buddy has used another key before and this one is not verified. */
  keyChanged(peer: string, fingerprintHex: string): boolean;
  /** A successful SMP on our side: the fingerprint is now verified. */
  verifiedBySmp(peer: string, fingerprintHex: string): Promise<void>;
}

export interface OtrLayerEvents {
  /** A message for the user: decrypted, or plaintext that was not OTR. */
  message(peer: string, text: string, encrypted: boolean, verified: boolean, time: Date): void;
  /** A system line for the conversation with `peer`. */
  note(peer: string, note: LineNote): void;
  /** The conversation's OTR state may have changed. */
  state(peer: string): void;
  /** Held messages that were finally sent (encrypted) or given up on. */
  held(peer: string, ids: number[], outcome: 'sent' | 'failed'): void;
  /** Messages for the SMP and extra-key layers. */
  otrEvent(peer: string, event: OtrEvent): void;
}

export interface OtrLayerOptions {
  accountName: string;
  adapter: ProtocolAdapter;
  identity: OtrIdentity;
  env: OtrEnv;
  policyFor(peer: string): PolicyLevel;
  events: OtrLayerEvents;
  logger: Logger;
}

export type SendStatus = 'sent' | 'queued' | 'refused';

export interface PeerStatus {
  state: 'plaintext' | 'encrypted' | 'finished';
  verified: boolean;
  keyChanged: boolean;
  fingerprint?: string;
  instanceTag?: number;
  instances: { instanceTag: number; state: 'plaintext' | 'encrypted' | 'finished'; fingerprint?: string; verified: boolean }[];
}

export class OtrLayer {
  private readonly conversations = new Map<string, Conversation>();
  /** OTR instance tag -> XMPP resource, learnt from where each instance's messages come from. */
  private readonly instanceRoutes = new Map<string, Map<number, string>>();
  /** Buddies whose client answered our whitespace offer with plain text: told once. */
  private readonly toldNoOtr = new Set<string>();

  constructor(private readonly o: OtrLayerOptions) {}

  /** On IRC the room for a message depends on the peer's nick and on our own prefix, learnt once connected. */
  private maxBytesFor(peer: string): number {
    return this.o.adapter.maxMessageBytesFor?.(peer) ?? this.o.adapter.maxMessageBytes;
  }

  conversation(peer: string): Conversation {
    let conv = this.conversations.get(peer);
    if (conv) {
      conv.options.maxMessageBytes = this.maxBytesFor(peer);
    } else {
      conv = new Conversation({
        env: this.o.env,
        ourKey: this.o.identity.key,
        ourTag: this.o.identity.instanceTag,
        policy: policyForLevel(this.o.policyFor(peer)),
        accountName: this.o.accountName,
        maxMessageBytes: this.maxBytesFor(peer),
        ...(this.o.adapter.stripsTrailingWhitespace ? { whitespaceTagFirst: true } : {}),
      });
      this.conversations.set(peer, conv);
    }
    return conv;
  }

  /** The buddy's policy changed: existing conversations follow it from now on. */
  policyChanged(peer?: string): void {
    for (const [p, conv] of this.conversations) if (peer === undefined || p === peer) conv.setPolicy(policyForLevel(this.o.policyFor(p)));
  }

  async send(peer: string, text: string): Promise<{ status: SendStatus; heldId?: number }> {
    const conv = this.conversation(peer);
    const out = conv.send(text);
    await this.apply(peer, out);
    const transmitted = await this.transmit(peer, out.send);
    if (out.status === 'refused') return { status: 'refused' };
    // Held until private: the query (if one was needed) is what went out.
    if (out.status === 'held') return { status: 'queued', ...(out.heldId !== undefined ? { heldId: out.heldId } : {}) };
    return { status: transmitted ? 'sent' : 'queued' };
  }

  async receive(msg: IncomingMessage): Promise<void> {
    const conv = this.conversation(msg.peer);
    const before = conv.status().state;
    const hadTagOffer = conv.sendTag;
    const out = conv.receive(msg.body);
    if (msg.instance) this.learnRoutes(msg.peer, msg.instance, out);
    await this.apply(msg.peer, out);
    if (out.received) {
      const verified = out.received.encrypted && this.isVerified(msg.peer);
      this.o.events.message(msg.peer, out.received.text, out.received.encrypted, verified, msg.time);
      if (hadTagOffer && !conv.sendTag && !out.received.encrypted && conv.policy.sendWhitespaceTag && !this.toldNoOtr.has(msg.peer)) {
        this.toldNoOtr.add(msg.peer);
        this.o.events.note(msg.peer, { level: 'info', text: `${msg.peer} answered without OTR: their client probably does not support private conversations. This conversation is not private.` });
      }
    }
    await this.transmit(msg.peer, out.send);
    if (conv.status().state !== before) this.o.events.state(msg.peer);
  }

  async start(peer: string): Promise<void> {
    const out = this.conversation(peer).start();
    await this.apply(peer, out);
    await this.transmit(peer, out.send);
    this.o.events.note(peer, { level: 'info', text: `Attempting to start a private conversation with ${peer}…` });
  }

  async end(peer: string): Promise<void> {
    const conv = this.conversations.get(peer);
    if (!conv) return;
    const out = conv.end();
    await this.transmit(peer, out.send);
    await this.apply(peer, out);
    this.o.events.state(peer);
  }

  /** The Socialist Millionaires' Protocol with the buddy's current instance. */
  async smp(peer: string, action: { start: { secret: string; question?: string } } | { respond: string } | 'abort'): Promise<void> {
    const conv = this.conversation(peer);
    const out =
      action === 'abort'
        ? conv.smpAbort()
        : 'start' in action
          ? conv.smpStart(action.start.secret, action.start.question)
          : conv.smpRespond(action.respond);
    await this.transmit(peer, out.send);
    await this.apply(peer, out);
  }

  selectInstance(peer: string, instanceTag: number | undefined): void {
    this.conversation(peer).selectInstance(instanceTag);
    this.o.events.state(peer);
  }

  /** Timeouts: AKEs without an answer, held messages that waited too long. */
  async tick(): Promise<void> {
    for (const [peer, conv] of this.conversations) {
      const out = conv.tick();
      if (out.events.length || out.send.length) {
        await this.apply(peer, out);
        await this.transmit(peer, out.send);
      }
    }
  }

  status(peer: string): PeerStatus {
    const s = this.conversation(peer).status();
    const fp = s.fingerprint && toHex(s.fingerprint);
    return {
      state: s.state,
      verified: s.state === 'encrypted' && fp !== undefined && this.o.identity.isVerified(peer, fp),
      keyChanged: fp !== undefined && this.o.identity.keyChanged(peer, fp),
      ...(fp ? { fingerprint: fp } : {}),
      ...(s.instanceTag ? { instanceTag: s.instanceTag } : {}),
      instances: s.instances.map((i) => {
        const ifp = i.fingerprint && toHex(i.fingerprint);
        return { instanceTag: i.instanceTag, state: i.state, ...(ifp ? { fingerprint: ifp } : {}), verified: ifp !== undefined && this.o.identity.isVerified(peer, ifp) };
      }),
    };
  }

  /** Only the instance messages go to: this runs for every message received. */
  private isVerified(peer: string): boolean {
    const s = this.conversation(peer).status();
    return s.state === 'encrypted' && s.fingerprint !== undefined && this.o.identity.isVerified(peer, toHex(s.fingerprint));
  }

  peers(): string[] {
    return [...this.conversations.keys()];
  }

  /** Sends what a conversation produced; false when the adapter only queued it (reconnecting). */
  async transmit(peer: string, messages: readonly Outgoing[]): Promise<boolean> {
    let allSent = true;
    for (const m of messages) {
      const resource = m.instanceTag !== undefined ? this.instanceRoutes.get(peer)?.get(m.instanceTag) : undefined;
      const result = await this.o.adapter.sendMessage(peer, m.text, { otr: m.otr, ...(resource ? { instance: resource } : {}) });
      if (result.status !== 'sent') allSent = false;
    }
    return allSent;
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
      const verdict = event.type === 'gone-secure' ? await this.o.identity.observeFingerprint(peer, toHex(event.fingerprint)) : undefined;
      if (event.type === 'gone-secure') this.o.events.state(peer);
      if (event.type === 'smp' && event.kind === 'succeeded' && event.markVerified) {
        await this.o.identity.verifiedBySmp(peer, toHex(event.fingerprint));
        this.o.events.state(peer);
      }
      if (event.type === 'held-sent') this.o.events.held(peer, event.ids, 'sent');
      if (event.type === 'held-expired') this.o.events.held(peer, event.ids, 'failed');
      if (event.type === 'unreadable' && this.conversation(peer).policy.allowV3 && !this.conversation(peer).akeInProgress()) {
        // They lost their session (a restart, say): a new AKE is the way back.
        const restart = this.conversation(peer).start();
        await this.transmit(peer, restart.send);
      }
      if (event.type === 'ake-ignored' || event.type === 'heartbeat-sent') this.o.logger.log('debug', `otr ${peer}: ${event.type}${'reason' in event ? ` (${event.reason})` : ''}`);
      for (const note of describeOtrEvent(peer, event, verdict)) this.o.events.note(peer, note);
      this.o.events.otrEvent(peer, event);
    }
  }
}
