/**
 * What the OTR layer (otr-layer.ts) takes and reports: the identity it needs of
 * the key store, its options, its events, and what send() answers.
 */
import type {
  ClientProfile,
  DsaPrivateKey,
  Ed448KeyPair,
  FragmentBudget,
  OtrEnv,
  OtrEvent,
  PolicyLevel,
  SendDecision,
} from '../../otr';
import type { ProtocolAdapter } from '../../protocols/adapter';
import type { CommandResult } from '../api/contract';
import type { FingerprintStatus } from '../keys';
import type { Logger } from '../log';
import type { LineNote } from '../wording/otr-lines';

/** What the layer needs of the key and trust store. */
export interface OtrIdentity {
  key: DsaPrivateKey;
  instanceTag: number;
  /** OTRv4 keys; absent: the account speaks OTR v3 (and v2) only. */
  v4?: OtrIdentityV4;
  /** Records the fingerprint as seen and says what was known of it. */
  observeFingerprint(peer: string, fingerprintHex: string): Promise<FingerprintStatus> | FingerprintStatus;
  isVerified(peer: string, fingerprintHex: string): boolean;
  /** The user has verified some key of this buddy. */
  hasVerified(peer: string): boolean;
  /** The buddy has used another key before and this one is not verified. */
  keyChanged(peer: string, fingerprintHex: string): boolean;
  /** A successful SMP on our side: the fingerprint is now verified. */
  verifiedBySmp(peer: string, fingerprintHex: string): Promise<void>;
}

export interface OtrIdentityV4 {
  /** The long-term Ed448 key pair. */
  identity: Ed448KeyPair;
  /** The forging public key as a POINT (57 bytes). */
  forgingKey: Uint8Array;
  /** The account's current Client Profile for `instanceTag`, renewed (and saved) before it expires. */
  profile(): ClientProfile;
}

/** How a line of the user's turned out, once known. */
export interface LineOutcome {
  status: 'sent' | 'queued' | 'failed';
  encrypted?: boolean;
  verified?: boolean;
  fingerprint?: string;
}

export interface OtrLayerEvents {
  /** A message for the user: decrypted (with the key of the login it came from), or plaintext that was not OTR. */
  message(
    peer: string,
    m: { text: string; encrypted: boolean; verified: boolean; fingerprint?: string; time: Date },
  ): void;
  /** A system line for the conversation with `peer`. */
  note(peer: string, note: LineNote): void;
  /** The conversation's OTR state may have changed. */
  state(peer: string): void;
  /** Lines of the user's messages (by the ids send() gave them) whose fate became known. */
  lines(peer: string, ids: number[], outcome: LineOutcome): void;
  /** Messages for the SMP and extra-key layers. */
  otrEvent(peer: string, event: OtrEvent): void;
}

export interface OtrLayerOptions {
  accountName: string;
  /** Our name as buddies see it (XMPP bare JID, IRC nick): OTRv4's phi' binds it into the DAKE. */
  nameForPeers: string;
  adapter: ProtocolAdapter;
  identity: OtrIdentity;
  env: OtrEnv;
  policyFor(peer: string): PolicyLevel;
  events: OtrLayerEvents;
  logger: Logger;
  /** A new id for a line of the user's: the message carries it through the engine. */
  newMessageId(): number;
  fragmentBudget?: FragmentBudget;
}

/** What message.send answers: the contract's word for it. */
export type SendStatus = CommandResult<'message.send'>['status'];

/** What send() knows at once, before anything reached the network. */
export interface Sending {
  id: number;
  /** The text as sent (NULs dropped). */
  text: string;
  status: SendDecision;
  encrypted: boolean;
  verified: boolean;
  fingerprint?: string;
  /** Settles once the message left (or was queued by the adapter, or held by OTR). */
  done: Promise<SendStatus>;
}
