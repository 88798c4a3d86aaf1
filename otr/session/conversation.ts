/**
 * One OTR conversation with one buddy (Protocol-v3, "The protocol state machine"):
 * every message to and from the buddy passes through here. It routes version 3
 * messages to one InstanceSession per instance tag (libotr's child contexts),
 * keeps version 2 and query-started AKEs on instance 0 (the master), holds
 * messages typed before the conversation is private, and fragments what it sends.
 *
 * No I/O and no timers: every call returns what to send and what happened; the
 * host calls tick() now and then so that timeouts can fire.
 */
import { handleAkeMessage, startAke, type AkeParty, type AuthState } from '../ake/ake';
import type { DsaPrivateKey } from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import { nobleSymmetric } from '../crypto/primitives';
import { DEFAULT_REASSEMBLY_LIMITS, FragmentReassembler, fragmentMessage, type ReassemblyLimits } from '../wire/fragments';
import { FLAG_IGNORE_UNREADABLE, encodeMessage, type BinaryMessage, type ProtocolVersion } from '../wire/messages';
import { encodeOtrMessage, errorMessage, queryMessage, whitespaceTag } from '../wire/text-messages';
import { TLV_DISCONNECTED, type Tlv } from '../wire/tlv';
import type { OtrEvent } from './events';
import { HeldMessages } from './held-messages';
import { conversationStatus, type ConversationStatus } from './status';
import { InstanceSession } from './instance-session';
import { MASTER, MIN_INSTANCE_TAG } from './instance-tags';
import { allowedVersions, bestCommonVersion, isOtrEnabled, type OtrPolicy } from './policy';
import { receiveMessage } from './receive';
import { abortSmp, respondSmp, startSmp } from '../smp/smp-state';
import { smpAction, useExtraKey } from './verification';

export interface ConversationOptions {
  env: OtrEnv;
  ourKey: DsaPrivateKey;
  /** Our instance tag: at least 0x100, persistent per account and installation. */
  ourTag: number;
  policy: OtrPolicy;
  /** Our account as the buddy knows it, named in query and error messages. */
  accountName: string;
  /** Longest message the transport carries; encoded OTR messages are fragmented to it. */
  maxMessageBytes?: number;
  /** A data message goes out after this long without sending, to rotate keys (libotr: 60 s). */
  heartbeatMs?: number;
  /** Held messages and a query wait this long for the AKE (libotr: 60 s). */
  akeTimeoutMs?: number;
  /** Put the whitespace tag before the text: for transports that strip trailing whitespace. */
  whitespaceTagFirst?: boolean;
  reassembly?: ReassemblyLimits;
}

export interface Outgoing {
  text: string;
  /** The instance it is meant for, so the host can address that login; absent for plaintext. */
  instanceTag?: number;
  /** The text carries OTR data (not plain chat): XMPP marks it no-store and no-copy. */
  otr: boolean;
}

export interface Received {
  text: string;
  encrypted: boolean;
  instanceTag?: number;
}

export interface Outcome {
  send: Outgoing[];
  events: OtrEvent[];
  received?: Received;
}

export type SendStatus = 'sent' | 'held' | 'refused';


export class Conversation {
  readonly instances = new Map<number, InstanceSession>();
  private selected: number | undefined;
  /** We may still advertise OTR with the whitespace tag: no plaintext came back since we went plaintext. */
  sendTag = true;
  private readonly held = new HeldMessages();
  /** When we asked for an AKE (query or commit) that has not completed. */
  akeRequestedAt: number | undefined;
  readonly reassembler: FragmentReassembler;

  constructor(readonly options: ConversationOptions) {
    if (options.ourTag < MIN_INSTANCE_TAG) throw new RangeError('instance tags start at 0x100');
    this.reassembler = new FragmentReassembler(options.reassembly ?? DEFAULT_REASSEMBLY_LIMITS);
    this.instance(MASTER);
  }

  get policy(): OtrPolicy {
    return this.options.policy;
  }

  setPolicy(policy: OtrPolicy): void {
    this.options.policy = policy;
  }

  now(): number {
    return this.options.env.clock.now();
  }

  instance(tag: number): InstanceSession {
    let inst = this.instances.get(tag);
    if (!inst) {
      inst = new InstanceSession(tag, this.options.env.symmetric ?? nobleSymmetric);
      this.instances.set(tag, inst);
    }
    return inst;
  }

  /** Sends to this instance from now on; undefined goes back to the best one. */
  selectInstance(tag: number | undefined): void {
    if (tag !== undefined && !this.instances.has(tag)) throw new RangeError(`no instance ${tag.toString(16)}`);
    this.selected = tag;
  }

  /** The instance messages go to: the chosen one, else the newest private one, else a finished one, else the master. */
  target(): InstanceSession {
    if (this.selected !== undefined) {
      const chosen = this.instances.get(this.selected);
      if (chosen) return chosen;
    }
    let best: InstanceSession | undefined;
    for (const inst of this.instances.values()) {
      if (inst.msgState === 'encrypted' && (!best || best.msgState !== 'encrypted' || (inst.private?.since ?? 0) > (best.private?.since ?? 0))) best = inst;
      else if (inst.msgState === 'finished' && !best) best = inst;
    }
    return best ?? this.instance(MASTER);
  }

  party(inst: InstanceSession): AkeParty {
    return { env: this.options.env, longTerm: this.options.ourKey, ourTag: this.options.ourTag, theirTag: inst.theirTag };
  }

  /** An encoded message as the transport gets it: fragmented when it is too long. */
  wire(bytes: BinaryMessage, inst: InstanceSession): Outgoing[] {
    return this.fragment(encodeOtrMessage(encodeMessage(bytes)), bytes.version, inst);
  }

  fragment(encoded: string, version: ProtocolVersion, inst: InstanceSession): Outgoing[] {
    const max = this.options.maxMessageBytes ?? Infinity;
    const pieces = Number.isFinite(max) ? fragmentMessage(encoded, max, version, this.options.ourTag, inst.theirTag) : [encoded];
    return pieces.map((text) => ({ text, otr: true, ...(inst.theirTag !== MASTER ? { instanceTag: inst.theirTag } : {}) }));
  }

  queryText(): string {
    return queryMessage(allowedVersions(this.policy), `${this.options.accountName} has requested an Off-the-Record private conversation. See https://otr.cypherpunks.ca/ for more information.`);
  }

  /** Asks the buddy to start (or refresh) a private conversation. */
  start(): Outcome {
    if (!isOtrEnabled(this.policy)) return { send: [], events: [{ type: 'not-sent', reason: 'OTR is turned off for this buddy' }] };
    this.akeRequestedAt = this.now();
    return { send: [{ text: this.queryText(), otr: true }], events: [] };
  }

  /** Starts an AKE ourselves, in answer to a query or a whitespace tag. */
  beginAke(version: ProtocolVersion, inst: InstanceSession): Outgoing[] {
    // Asked again while our commit is out (several queries crossing): the same commit
    // again, so that an answer to the first one still completes.
    if (inst.auth.state === 'awaiting-dhkey' && inst.auth.version === version) return this.wire(inst.auth.commit, inst);
    const step = startAke(this.party(inst), version);
    inst.auth = step.auth;
    this.akeRequestedAt ??= this.now();
    return step.send ? this.wire(step.send, inst) : [];
  }

  /** Typed by the user: encrypted, held until private, sent in plaintext, or refused, per state and policy. */
  send(text: string, options: { instanceTag?: number } = {}): Outcome & { status: SendStatus; heldId?: number } {
    if (!isOtrEnabled(this.policy)) return { status: 'sent', send: [{ text, otr: false }], events: [] };
    const inst = options.instanceTag !== undefined ? this.instances.get(options.instanceTag) : this.target();
    if (!inst) return { status: 'refused', send: [], events: [{ type: 'not-sent', reason: 'that instance of the buddy is gone' }] };
    const now = this.now();
    switch (inst.msgState) {
      case 'encrypted':
        return { status: 'sent', send: this.fragment(inst.seal(this.options.ourTag, text, [], 0, now).wire, inst.private!.version, inst), events: [] };
      case 'finished':
        return {
          status: 'refused',
          send: [],
          events: [{ type: 'not-sent', reason: 'your buddy has ended the private conversation: end it too, or refresh it, before sending' }],
        };
      case 'plaintext': {
        if (this.policy.requireEncryption || this.akeInProgress()) {
          const id = this.held.hold(text, now);
          const out = this.akeInProgress() ? { send: [], events: [] } : this.start();
          return { status: 'held', heldId: id, send: out.send, events: [...out.events, { type: 'message-held', id }] };
        }
        if (this.policy.sendWhitespaceTag && this.sendTag) {
          const tag = whitespaceTag(allowedVersions(this.policy));
          return { status: 'sent', send: [{ text: this.options.whitespaceTagFirst ? tag + text : text + tag, otr: false }], events: [] };
        }
        return { status: 'sent', send: [{ text, otr: false }], events: [] };
      }
    }
  }

  /** A query is out or an AKE runs, and nothing is private yet: new messages wait. */
  akeInProgress(): boolean {
    if ([...this.instances.values()].some((i) => i.msgState === 'encrypted')) return false;
    return this.akeRequestedAt !== undefined || [...this.instances.values()].some((i) => i.auth.state !== 'none');
  }

  /** Sends held messages through the instance that just went private, in the order typed. */
  flushHeld(inst: InstanceSession): Outcome {
    const held = this.held.takeAll();
    if (held.length === 0) return { send: [], events: [] };
    const send: Outgoing[] = [];
    for (const h of held) send.push(...this.fragment(inst.seal(this.options.ourTag, h.text, [], 0, this.now()).wire, inst.private!.version, inst));
    return { send, events: [{ type: 'held-sent', ids: held.map((h) => h.id), instanceTag: inst.theirTag }] };
  }

  /** Sends TLVs (SMP, extra key) in a data message to an encrypted instance. */
  sendTlvs(instanceTag: number, tlvs: readonly Tlv[], text = '', flags = 0): { send: Outgoing[]; extraKey: Uint8Array } {
    const inst = this.instances.get(instanceTag);
    if (!inst || inst.msgState !== 'encrypted' || !inst.private) throw new Error('TLVs need a private conversation');
    const sealed = inst.seal(this.options.ourTag, text, tlvs, flags, this.now());
    return { send: this.fragment(sealed.wire, inst.private.version, inst), extraKey: sealed.extraKey };
  }

  /** Begins (or restarts) the SMP with an instance, the target by default; `question` is shown to the buddy. */
  smpStart(secret: string, question?: string, instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, (state, ctx) => startSmp(state, ctx, secret, question));
  }

  /** Answers the buddy's SMP; pass the instanceTag of the 'asked-for-secret' or 'asked-for-answer' event. */
  smpRespond(secret: string, instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, (state, ctx) => respondSmp(state, ctx, secret));
  }

  smpAbort(instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, () => abortSmp(), { kind: 'aborted', by: 'us' });
  }

  /** Sends a TLV 8 for `use` and returns the extra symmetric key (Protocol-v3, "Extra symmetric key"). */
  useExtraKey(use: number, data: Uint8Array = new Uint8Array(0), instanceTag?: number): Outcome & { key?: Uint8Array } {
    return useExtraKey(this, use, data, instanceTag);
  }

  /** Ends the private conversation with every instance (libotr's disconnect_all_instances). */
  end(): Outcome {
    const out: Outcome = { send: [], events: [] };
    for (const inst of this.instances.values()) {
      if (inst.msgState === 'encrypted') {
        out.send.push(...this.sendTlvs(inst.theirTag, [{ type: TLV_DISCONNECTED, value: new Uint8Array(0) }], '', FLAG_IGNORE_UNREADABLE).send);
      }
      if (inst.msgState !== 'plaintext') out.events.push({ type: 'gone-plaintext', instanceTag: inst.theirTag });
      inst.toPlaintext();
    }
    out.events.push(...this.held.expire(true));
    this.akeRequestedAt = undefined;
    this.sendTag = true;
    return out;
  }

  /** Time-based work: an AKE that got no answer, held messages that waited too long. */
  tick(): Outcome {
    const now = this.now();
    const timeout = this.options.akeTimeoutMs ?? 60_000;
    const events: OtrEvent[] = [];
    if (this.akeRequestedAt !== undefined && now - this.akeRequestedAt > timeout && this.akeInProgress()) {
      this.akeRequestedAt = undefined;
      for (const inst of this.instances.values()) if (inst.msgState !== 'encrypted') inst.auth = { state: 'none' } as AuthState;
      events.push({ type: 'ake-no-answer' });
      events.push(...this.held.expire(true));
    } else {
      events.push(...this.held.expire(false, now - timeout));
    }
    return { send: [], events };
  }

  receive(raw: string): Outcome {
    if (!isOtrEnabled(this.policy)) return { send: [], events: [], received: { text: raw, encrypted: false } };
    return receiveMessage(this, raw);
  }

  /** Starts an AKE in answer to a query or a whitespace tag, when the versions allow one. */
  answerOffer(offered: readonly number[]): Outgoing[] {
    const version = bestCommonVersion(this.policy, offered);
    return version ? this.beginAke(version, this.instance(MASTER)) : [];
  }

  /** An OTR error message for the buddy's client. */
  errorReply(text: string): Outgoing {
    return { text: errorMessage(text), otr: true };
  }

  status(): ConversationStatus {
    return conversationStatus(this.target(), this.instances.values());
  }

  handleAke(inst: InstanceSession, m: Parameters<typeof handleAkeMessage>[1]): Outcome {
    const step = handleAkeMessage(inst.auth, m, this.party(inst));
    inst.auth = step.auth;
    const out: Outcome = { send: step.send ? this.wire(step.send, inst) : [], events: [] };
    if (step.ignored) out.events.push({ type: 'ake-ignored', reason: step.ignored });
    if (step.complete) {
      out.events.push(inst.goSecure(step.complete, this.options.env));
      this.akeRequestedAt = undefined;
      // Other instances' AKEs begun from the master stay possible; this one is done.
      const flushed = this.flushHeld(inst);
      out.send.push(...flushed.send);
      out.events.push(...flushed.events);
    }
    return out;
  }
}
