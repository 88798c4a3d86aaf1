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
import type { handleAkeMessage } from '../ake/ake';
import { fingerprint, publicKeyOf } from '../crypto/dsa';
import { decodePoint, type CurvePoint } from '../v4/crypto/ed448';
import { fingerprintV4 } from '../v4/fingerprint';
import {
  DEFAULT_V4_REASSEMBLY_LIMITS,
  fragmentV4Message,
  newFragmentIdentifier,
  V4FragmentReassembler,
} from '../v4/wire/fragments';
import { nobleSymmetric } from '../crypto/primitives';
import { DEFAULT_REASSEMBLY_LIMITS, FragmentBudget, FragmentReassembler, fragmentMessage } from '../wire/fragments';
import { encodeMessage, type BinaryMessage } from '../wire/messages';
import { encodeOtrMessage, errorMessage, queryMessage } from '../wire/text-messages';
import type { Tlv } from '../wire/tlv';
import { beginAke, handleAkeStep } from './after-ake';
import { beginDake } from './dake-host';
import type { ConversationInternals } from './conversation-internals';
import type { ConversationOptions, OtrConversation, Outcome, Outgoing, SendOutcome } from './conversation-types';
import { HeldMessages } from './held-messages';
import { InstanceChoice } from './instance-choice';
import type { InstanceSession } from './instance-session';
import { InstanceTable } from './instance-table';
import { MASTER, MIN_INSTANCE_TAG } from './instance-tags';
import { allowedVersions, bestCommonVersion, isOtrEnabled, withoutV4, type OtrPolicy, type OtrVersion } from './policy';
import { TokenBucket } from './rate-limit';
import { expireWaits, endAll } from './lifecycle';
import { receiveMessage } from './receive';
import { decideSend } from './send';
import { SentLog } from './sent-log';
import { conversationStatus, type ConversationStatus } from './status';
import { smpAction, useExtraKey } from './verification';
import { WhitespaceOffer } from './whitespace-offer';

/** A conversation for the host: the OtrConversation surface, nothing of the internals. */
export function createConversation(options: ConversationOptions): OtrConversation {
  return new Conversation(options);
}

/** libotr resends an unreadable message only within 60 s of sending it (RESEND_INTERVAL). */
const RESEND_WINDOW_MS = 60_000;

/** The v3 engine; receive.ts, verification.ts and after-ake.ts work on its internals, the host only through OtrConversation. */
export class Conversation implements OtrConversation, ConversationInternals {
  readonly instances: InstanceTable;
  /** Which login messages go to. */
  readonly choice: InstanceChoice;
  readonly offer = new WhitespaceOffer();
  readonly held = new HeldMessages();
  readonly sentLog = new SentLog(RESEND_WINDOW_MS);
  private nextId = 1;
  /** When we asked for an AKE (query or commit) that has not completed. */
  akeRequestedAt: number | undefined;
  readonly reassembler: FragmentReassembler;
  /** OTRv4's fragments, reassembled in any order, under the same budget. */
  readonly v4Reassembler: V4FragmentReassembler;
  /** Error replies to unreadable messages, and AKEs with logins we did not know: a forger's flood earns little. */
  readonly replies = new TokenBucket(3, 5_000);
  readonly newLogins = new TokenBucket(8, 2_000);
  private lastActivityAt: number;
  private ownFingerprint: Uint8Array | undefined;
  private ownV4: { fingerprint: Uint8Array; forging: CurvePoint } | undefined;

  constructor(readonly options: ConversationOptions) {
    if (options.ourTag < MIN_INSTANCE_TAG) throw new RangeError('instance tags start at 0x100');
    const budget = options.fragmentBudget ?? new FragmentBudget();
    this.reassembler = new FragmentReassembler(options.reassembly ?? DEFAULT_REASSEMBLY_LIMITS, budget);
    this.v4Reassembler = new V4FragmentReassembler({ ...DEFAULT_V4_REASSEMBLY_LIMITS, ...options.reassembly }, budget);
    this.instances = new InstanceTable(options.env.symmetric ?? nobleSymmetric);
    this.choice = new InstanceChoice(this.instances, (fp) => this.options.trust?.isTrusted(fp) === true);
    this.lastActivityAt = this.now();
  }

  /** The policy as it applies here: version 4 only with the account's v4 keys. */
  get policy(): OtrPolicy {
    return this.options.v4 ? this.options.policy : withoutV4(this.options.policy);
  }

  setPolicy(policy: OtrPolicy): void {
    this.options.policy = policy;
  }

  /** The transport's room for one message may change (on IRC it depends on our own prefix). */
  setMaxMessageBytes(bytes: number): void {
    this.options.maxMessageBytes = bytes;
  }

  /** Computed once: hashing our public key for every message that might carry SMP showed in profiles. */
  ourFingerprint(): Uint8Array {
    return (this.ownFingerprint ??= fingerprint(publicKeyOf(this.options.ourKey)));
  }

  /** Our v4 fingerprint and forging key F as a point, computed once. */
  v4Own(): { fingerprint: Uint8Array; forging: CurvePoint } {
    const v4 = this.options.v4;
    if (!v4) throw new Error('OTRv4 needs the account’s v4 keys');
    return (this.ownV4 ??= {
      fingerprint: fingerprintV4(v4.identity.publicBytes, v4.forgingKey),
      forging: decodePoint(v4.forgingKey),
    });
  }

  now(): number {
    return this.options.env.clock.now();
  }

  /** Sends to this instance from now on (held messages too, once it is private); undefined goes back to the best one. */
  selectInstance(tag: number | undefined): Outcome {
    this.choice.select(tag);
    const inst = this.target();
    return inst.msgState === 'encrypted' ? this.flushHeld(inst) : { send: [], events: [] };
  }

  /** The instance messages go to now. */
  target(): InstanceSession {
    return this.choice.target();
  }

  /** An encoded message as the transport gets it: fragmented when it is too long. */
  wire(bytes: BinaryMessage, inst: InstanceSession): Outgoing[] {
    return this.fragment(encodeOtrMessage(encodeMessage(bytes)), bytes.version, inst);
  }

  /** An encoded OTRv4 message (DAKE or data) as the transport gets it. */
  wireV4(bytes: Uint8Array, inst: InstanceSession): Outgoing[] {
    return this.fragment(encodeOtrMessage(bytes), 4, inst);
  }

  fragment(encoded: string, version: OtrVersion, inst: InstanceSession, messageId?: number): Outgoing[] {
    const max = this.options.maxMessageBytes ?? Infinity;
    const { ourTag } = this.options;
    const pieces = !Number.isFinite(max)
      ? [encoded]
      : version === 4
        ? fragmentV4Message(encoded, max, newFragmentIdentifier(this.options.env.random), ourTag, inst.theirTag)
        : fragmentMessage(encoded, max, version, ourTag, inst.theirTag);
    // Built field by field: spreads here cost more than the encryption (this runs per message).
    return pieces.map((text) => {
      const out: Outgoing = { text, otr: true };
      if (inst.theirTag !== MASTER) out.instanceTag = inst.theirTag;
      if (messageId !== undefined) out.messageId = messageId;
      return out;
    });
  }

  /** A user's message encrypted for `inst`, remembered in case the buddy cannot read it. */
  sealText(inst: InstanceSession, id: number, text: string, remember = true): Outgoing[] {
    const p = inst.private;
    if (inst.msgState !== 'encrypted' || !p) throw new Error('sealText() outside an encrypted session');
    const now = this.now();
    if (remember) this.sentLog.record({ id, text, at: now, fingerprint: p.fingerprint });
    return this.fragment(inst.seal(this.options.ourTag, text, [], 0, now).wire, p.version, inst, id);
  }

  /** Asks the buddy to start (or refresh) a private conversation: a query, with words for clients without OTR. */
  start(): Outcome {
    if (!isOtrEnabled(this.policy))
      return { send: [], events: [{ type: 'not-sent', reason: 'OTR is turned off for this buddy' }] };
    this.akeRequestedAt = this.now();
    const why = `${this.options.accountName} has requested an Off-the-Record private conversation. See https://otr.cypherpunks.ca/ for more information.`;
    return { send: [{ text: queryMessage(allowedVersions(this.policy), why), otr: true }], events: [] };
  }

  akeTimeoutMs(): number {
    return this.options.akeTimeoutMs ?? 60_000;
  }

  /**
   * Typed by the user: encrypted, held until private, sent in plaintext, or
   * refused, per state and policy. `id` names the message in later events
   * (held-sent, resent…) and on what carries it; NULs are dropped from `text`.
   */
  send(text: string, options: { id?: number; instanceTag?: number } = {}): SendOutcome {
    this.lastActivityAt = this.now();
    return decideSend(this, text, options.id ?? this.nextId++, options.instanceTag);
  }

  /** A query is out or an AKE runs, and nothing is private yet: new messages wait. */
  akeInProgress(): boolean {
    if ([...this.instances.values()].some((i) => i.msgState === 'encrypted')) return false;
    return (
      this.akeRequestedAt !== undefined ||
      [...this.instances.values()].some((i) => i.auth.state !== 'none' || i.dake.state !== 'idle')
    );
  }

  /** Sends held messages through an instance that is private, in the order typed. */
  flushHeld(inst: InstanceSession): Outcome {
    const held = this.held.takeAll();
    if (held.length === 0) return { send: [], events: [] };
    const send = held.flatMap((h) => this.sealText(inst, h.id, h.text));
    return {
      send,
      events: [
        {
          type: 'held-sent',
          ids: held.map((h) => h.id),
          instanceTag: inst.theirTag,
          fingerprint: inst.private!.fingerprint,
        },
      ],
    };
  }

  /** Sends TLVs (SMP, extra key) in a data message to an encrypted instance. */
  sendTlvs(
    instanceTag: number,
    tlvs: readonly Tlv[],
    text = '',
    flags = 0,
  ): { send: Outgoing[]; extraKey: () => Uint8Array } {
    const inst = this.instances.get(instanceTag);
    if (!inst || inst.msgState !== 'encrypted' || !inst.private) throw new Error('TLVs need a private conversation');
    const sealed = inst.seal(this.options.ourTag, text, tlvs, flags, this.now());
    return { send: this.fragment(sealed.wire, inst.private.version, inst), extraKey: sealed.extraKey };
  }

  /** Begins (or restarts) the SMP with an instance, the target by default; `question` is shown to the buddy. */
  smpStart(secret: string, question?: string, instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, { kind: 'start', secret, question });
  }

  /** Answers the buddy's SMP; pass the instanceTag of the 'asked-for-secret' or 'asked-for-answer' event. */
  smpRespond(secret: string, instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, { kind: 'respond', secret });
  }

  smpAbort(instanceTag?: number): Outcome {
    return smpAction(this, instanceTag, { kind: 'abort' });
  }

  /** Sends a TLV 8 for `use` and returns the extra symmetric key (Protocol-v3, "Extra symmetric key"). */
  useExtraKey(use: number, data: Uint8Array = new Uint8Array(0), instanceTag?: number): Outcome & { key?: Uint8Array } {
    return useExtraKey(this, use, data, instanceTag);
  }

  /** Ends the private conversation with every instance (libotr's disconnect_all_instances). */
  end(): Outcome {
    return endAll(this);
  }

  /** Time-based work: an AKE that got no answer, held messages that waited too long, stale fragments. */
  tick(): Outcome {
    return expireWaits(this);
  }

  /** Nothing here is worth keeping: no private or pending state, no held message, quiet for `idleMs`. */
  isIdle(idleMs: number): boolean {
    const quiet = [...this.instances.values()].every(
      (i) => i.msgState === 'plaintext' && i.auth.state === 'none' && i.dake.state === 'idle',
    );
    return (
      quiet &&
      this.held.size === 0 &&
      this.akeRequestedAt === undefined &&
      this.reassembler.heldChars === 0 &&
      this.v4Reassembler.heldChars === 0 &&
      this.now() - this.lastActivityAt > idleMs
    );
  }

  receive(raw: string): Outcome {
    this.lastActivityAt = this.now();
    if (!isOtrEnabled(this.policy)) return { send: [], events: [], received: { text: raw, encrypted: false } };
    const out = receiveMessage(this, raw);
    out.events.push(...this.choice.settle());
    return out;
  }

  /** Starts an AKE in answer to a query or a whitespace tag, when the versions allow one. */
  answerOffer(offered: readonly number[]): Outgoing[] {
    const version = bestCommonVersion(this.policy, offered);
    if (version === 4) return beginDake(this, this.instances.master);
    return version ? beginAke(this, version, this.instances.master) : [];
  }

  /** An OTR error message for the buddy's client. */
  errorReply(text: string): Outgoing {
    return { text: errorMessage(text), otr: true };
  }

  status(): ConversationStatus {
    return conversationStatus(this.target(), this.instances.values());
  }

  /** One AKE message for `inst`; a login not known yet is kept only if the step is accepted (after-ake.ts). */
  handleAke(inst: InstanceSession, m: Parameters<typeof handleAkeMessage>[1]): Outcome {
    return handleAkeStep(this, inst, m);
  }
}
