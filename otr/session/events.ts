/**
 * What a conversation tells its host, as data: the host turns these into
 * system lines, status icons and notifications. Every event is safe to log,
 * except 'extra-key': its `key` is a secret for the host's own use.
 */
import type { DsaPublicKey } from '../crypto/dsa';
import type { SmpEvent } from '../smp/smp-state';
import type { Tlv } from '../wire/tlv';

export type MessageState = 'plaintext' | 'encrypted' | 'finished';

export type OtrEvent =
  /**
   * An AKE (v2, v3) or DAKE (v4) completed: the instance is now private (refreshed: it
   * already was, with other keys). `theirKey` is v3's DSA key; `transitional`, in v4,
   * the fingerprint of the v3 key whose transitional signature the buddy's Client
   * Profile carries (checked): shown beside the v4 key, never trust in it.
   */
  | {
      type: 'gone-secure';
      instanceTag: number;
      version: 2 | 3 | 4;
      theirKey?: DsaPublicKey;
      transitional?: Uint8Array;
      fingerprint: Uint8Array;
      ssid: Uint8Array;
      weSentRevealSignature: boolean;
      refreshed: boolean;
    }
  /** The peer ended its private conversation: nothing more is sent until the user ends or restarts ours. */
  | { type: 'peer-ended'; instanceTag: number }
  /** We ended the private conversation with this instance. */
  | { type: 'gone-plaintext'; instanceTag: number }
  /** Messages typed before the conversation was private, waiting for the AKE. */
  | { type: 'message-held'; id: number }
  /** Held messages sent, now encrypted for the key `fingerprint`, in the order typed. */
  | { type: 'held-sent'; ids: number[]; instanceTag: number; fingerprint: Uint8Array }
  /**
   * A login of the buddy whose key is not verified went private, while the user
   * has verified another key of theirs: held messages wait for a verified login
   * (or for the user to choose this one).
   */
  | { type: 'held-waiting'; instanceTag: number }
  /** Messages the buddy could not read (an OTR error), sent again once, encrypted for the same key. */
  | { type: 'resent'; ids: number[]; instanceTag: number; fingerprint: Uint8Array }
  /** Messages the buddy could not read that were not sent again: the new session has another key. */
  | { type: 'not-resent'; ids: number[]; reason: string }
  /**
   * Another login of the buddy went private, but messages keep going to the
   * verified one (`current`): Sotto never moves on its own from a verified
   * login to an unverified one. The user may choose it.
   */
  | { type: 'instance-withheld'; instanceTag: number; current: number }
  /** Messages now go to another login of the buddy (`to`), the best one by libotr's rule. */
  | { type: 'instance-switched'; from: number; to: number }
  /** The buddy answered our whitespace-tagged message with plain text: their client probably has no OTR. */
  | { type: 'offer-declined' }
  /** Held messages given up on: the AKE did not complete in time. They were not sent. */
  | { type: 'held-expired'; ids: number[]; texts: string[] }
  /** A query or commit got no answer in time: the buddy probably has no OTR. */
  | { type: 'ake-no-answer' }
  /** A message could not be sent: the peer ended the conversation (state finished). */
  | { type: 'not-sent'; reason: string }
  /** Plaintext arrived while private, or while encryption is required. */
  | { type: 'received-unencrypted' }
  /**
   * An encrypted message we could not read; an OTR error was sent back unless it
   * asked to be ignored. Replies are rate-limited: `suppressed` counts the
   * unreadable messages since the last event that got neither event nor reply.
   */
  | { type: 'unreadable'; reason: string; instanceTag?: number; suppressed?: number }
  /** An authentic data message this session had already accepted (a network duplicate): dropped, no error sent. */
  | { type: 'replayed'; instanceTag: number }
  /** Input that is not a valid OTR message: dropped, nothing else changed. */
  | { type: 'malformed'; reason: string }
  /** A message addressed to another instance of our account: ignored. */
  | { type: 'for-other-instance' }
  /** The peer's client sent an OTR error message. */
  | { type: 'peer-error'; text: string }
  /** An AKE message that was ignored, and why (diagnostics only). */
  | { type: 'ake-ignored'; reason: string }
  /** A heartbeat went out to rotate keys after a quiet spell. */
  | { type: 'heartbeat-sent'; instanceTag: number }
  /** What the SMP with this instance did or needs (see SmpEvent: asked, progress, result, abort, cheating). */
  | ({ type: 'smp'; instanceTag: number } & SmpEvent)
  /**
   * The buddy sent a TLV 8: it wants to use the extra symmetric key for `use`
   * (with use-specific `data`). `key` is that key, derived from the message
   * that carried the TLV: the same 32 bytes the buddy's client got. Secret:
   * never log it or pass it to an untrusted front end.
   */
  | { type: 'extra-key'; instanceTag: number; use: number; data: Uint8Array; key: Uint8Array }
  /** TLVs of types this library does not know (beyond 0-8): ignored by the spec, passed on for diagnostics. */
  | { type: 'tlvs'; instanceTag: number; tlvs: Tlv[] };
