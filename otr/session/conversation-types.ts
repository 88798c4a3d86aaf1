/**
 * The shapes a Conversation takes and gives: its options, what it sends, what
 * it received, and the outcome of each call.
 */
import type { DsaPrivateKey } from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import type { PhiNames } from '../v4/dake/phi';
import type { ClientProfile } from '../v4/profile/client-profile';
import type { Ed448KeyPair } from '../v4/profile/keys';
import type { FragmentBudget, ReassemblyLimits } from '../wire/fragments';
import type { OtrEvent } from './events';
import type { OtrPolicy } from './policy';
import type { ConversationStatus } from './status';

/**
 * What OTRv4 needs of the account: without it a conversation speaks versions 3 and 2
 * only. Fingerprints of v4 keys are 56 bytes, v3's 20: the length tells them apart
 * wherever a fingerprint crosses this interface (TrustView, events, Received).
 */
export interface V4Identity {
  /** The long-term key pair (H, sym_h). */
  readonly identity: Ed448KeyPair;
  /** The forging public key F as a POINT (57 bytes): its secret is not needed. */
  readonly forgingKey: Uint8Array;
  /**
   * Our current Client Profile for `ourTag`, made from these keys: asked for at every
   * DAKE, so the host renews it before it expires (profile/expiry.ts needsRenewal).
   */
  profile(): ClientProfile;
  /**
   * phi', the host's part of the shared session state: our name and the buddy's on the
   * network as both sides write them (XMPP bare JIDs, IRC nicks, lower case).
   */
  readonly names: PhiNames;
}

/** What the host knows of the user's trust in the buddy's keys. */
export interface TrustView {
  isTrusted(fingerprint: Uint8Array): boolean;
  /** The user has verified some key of this buddy. */
  hasTrusted(): boolean;
}

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
  /** Shared by every conversation of the host, so that their partial fragments are bounded together. */
  fragmentBudget?: FragmentBudget;
  trust?: TrustView;
  v4?: V4Identity;
}

export interface Outgoing {
  text: string;
  /** The instance it is meant for, so the host can address that login; absent for plaintext. */
  instanceTag?: number;
  /** The text carries OTR data (not plain chat): XMPP marks it no-store and no-copy. */
  otr: boolean;
  /** The user's message it carries (a fragment of it, perhaps), by the id send() was given. */
  messageId?: number;
}

export interface Received {
  text: string;
  encrypted: boolean;
  instanceTag?: number;
  /** The key of the login it came from, when it was encrypted. */
  fingerprint?: Uint8Array;
}

export interface Outcome {
  send: Outgoing[];
  events: OtrEvent[];
  received?: Received;
  /**
   * More messages read in the same call, after `received`: OTRv4 Data Messages that
   * came before the Auth-I completing their DAKE, read once it came.
   */
  alsoReceived?: Received[];
}

/** What became of a message the user typed: sent (encrypted or not), held until private, or refused. */
export type SendDecision = 'sent' | 'held' | 'refused';

export interface SendOutcome extends Outcome {
  status: SendDecision;
  /** The message's id: the caller's, or one of ours. */
  id: number;
  /** The text as it went (or waits to go): without NULs. */
  text: string;
  /** It went out encrypted (for the key `fingerprint`). */
  encrypted: boolean;
  fingerprint?: Uint8Array;
}

/**
 * One conversation with one buddy, as the host sees it: everything the app does
 * with OTR goes through these members. Each call returns what to send and what
 * happened; nothing is sent, stored or timed here. OTR v4 will implement the same
 * surface next to v3, the version picked by negotiation behind it.
 */
export interface OtrConversation {
  /** The user's message: encrypted, held until private, sent in plaintext, or refused. */
  send(text: string, options?: { id?: number; instanceTag?: number }): SendOutcome;
  /** Whatever the buddy's login sent: OTR or not. */
  receive(raw: string): Outcome;
  /** Asks the buddy to start (or refresh) a private conversation. */
  start(): Outcome;
  /** Ends the private conversation with every login of the buddy. */
  end(): Outcome;
  /** Time-based work; the host calls it now and then (every second in the app). */
  tick(): Outcome;
  status(): ConversationStatus;
  /** The login messages go to; undefined: the automatic choice. */
  selectInstance(instanceTag: number | undefined): Outcome;
  smpStart(secret: string, question?: string, instanceTag?: number): Outcome;
  smpRespond(secret: string, instanceTag?: number): Outcome;
  smpAbort(instanceTag?: number): Outcome;
  /** Announces the extra symmetric key for `use` to the buddy, and returns it. */
  useExtraKey(use: number, data?: Uint8Array, instanceTag?: number): Outcome & { key?: Uint8Array };
  setPolicy(policy: OtrPolicy): void;
  setMaxMessageBytes(bytes: number): void;
  /** Nothing private, pending or half-received, and quiet for `idleMs`: the host may forget it. */
  isIdle(idleMs: number): boolean;
}
