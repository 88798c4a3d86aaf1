/**
 * What the helpers of a conversation (receive.ts, verification.ts,
 * after-ake.ts) may touch of its insides: the narrow interface between the v3
 * engine's parts. The host never sees it; it has OtrConversation.
 */
import type { handleAkeMessage } from '../ake/ake';
import type { BinaryMessage } from '../wire/messages';
import type { Tlv } from '../wire/tlv';
import type { FragmentReassembler } from '../wire/fragments';
import type { CurvePoint } from '../v4/crypto/ed448';
import type { V4FragmentReassembler } from '../v4/wire/fragments';
import type { ConversationOptions, Outcome, Outgoing } from './conversation-types';
import type { HeldMessages } from './held-messages';
import type { InstanceChoice } from './instance-choice';
import type { InstanceSession } from './instance-session';
import type { InstanceTable } from './instance-table';
import type { OtrPolicy } from './policy';
import type { TokenBucket } from './rate-limit';
import type { SentLog } from './sent-log';
import type { WhitespaceOffer } from './whitespace-offer';

export interface ConversationInternals {
  readonly options: ConversationOptions;
  readonly policy: OtrPolicy;
  readonly instances: InstanceTable;
  readonly choice: InstanceChoice;
  readonly held: HeldMessages;
  readonly sentLog: SentLog;
  readonly reassembler: FragmentReassembler;
  readonly v4Reassembler: V4FragmentReassembler;
  readonly offer: WhitespaceOffer;
  /** Error replies, and AKEs with logins not seen before: rate-limited. */
  readonly replies: TokenBucket;
  readonly newLogins: TokenBucket;
  /** When we asked for an AKE (query or commit) that has not completed. */
  akeRequestedAt: number | undefined;
  now(): number;
  /** The fingerprint of our own long-term key (the SMP secret binds it). */
  ourFingerprint(): Uint8Array;
  /** Our v4 fingerprint and forging key F as a point (only with the account's v4 keys). */
  v4Own(): { fingerprint: Uint8Array; forging: CurvePoint };
  akeTimeoutMs(): number;
  target(): InstanceSession;
  akeInProgress(): boolean;
  start(): Outcome;
  answerOffer(offered: readonly number[]): Outgoing[];
  handleAke(inst: InstanceSession, m: Parameters<typeof handleAkeMessage>[1]): Outcome;
  errorReply(text: string): Outgoing;
  /** An encoded message, fragmented to the transport's size. */
  wire(bytes: BinaryMessage, inst: InstanceSession): Outgoing[];
  /** An encoded OTRv4 message, fragmented the v4 way. */
  wireV4(bytes: Uint8Array, inst: InstanceSession): Outgoing[];
  sealText(inst: InstanceSession, id: number, text: string, remember?: boolean): Outgoing[];
  sendTlvs(
    instanceTag: number,
    tlvs: readonly Tlv[],
    text?: string,
    flags?: number,
  ): { send: Outgoing[]; extraKey: () => Uint8Array };
  flushHeld(inst: InstanceSession): Outcome;
}
