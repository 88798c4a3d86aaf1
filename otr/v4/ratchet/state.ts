/**
 * The double ratchet's state ("Key Management": state variables and key variables),
 * shared by init.ts, send.ts and receive.ts. Key variables are named as the spec names
 * them; what the spec leaves implicit is named here (which ratchet id each chain
 * carries, whether the next message sent must start a ratchet).
 */
import type { CurvePoint } from '../crypto/ed448';
import { type SkippedKeys } from './skipped-keys';

export interface RatchetLimits {
  /** max_skip: the most message keys one message may make us derive and store. */
  readonly maxSkip: number;
  /** The most skipped message keys stored at once; the oldest go first. */
  readonly maxStored: number;
  /** The most MAC keys waiting to be revealed; the oldest are dropped unrevealed beyond it. */
  readonly maxReveal: number;
}

/** See DECISIONS.md ("Double ratchet and data messages") for why these values. */
export const DEFAULT_RATCHET_LIMITS: RatchetLimits = { maxSkip: 1000, maxStored: 2000, maxReveal: 1000 };

export interface OurKey<S> {
  /** Deleted (undefined) once the receiving ratchet that needs it last has used it. */
  secret: S | undefined;
  /** The public value as it goes on the wire, encoded once. */
  readonly public: Uint8Array;
}

export interface RatchetState {
  readonly ourTag: number;
  readonly theirTag: number;
  readonly limits: RatchetLimits;
  /** i: the ratchet id the next ratchet we start will carry. */
  i: number;
  /** j: the next sending message id. */
  j: number;
  /** k: the next receiving message id. */
  k: number;
  /** pn: messages sent in our previous sending ratchet. */
  pn: number;
  maxRemoteISeen: number;
  /** curr_root_key. */
  rootKey: Uint8Array;
  /** chain_key_s[j], and the ratchet id its messages carry. */
  chainS: Uint8Array | undefined;
  sendRatchetId: number;
  /** chain_key_r[k], and the ratchet id its messages carry (-1 before the first). */
  chainR: Uint8Array | undefined;
  recvRatchetId: number;
  ourEcdh: OurKey<bigint>;
  /** Our DH key pair: its public value travels on every message of a ratchet that made it. */
  ourDh: OurKey<bigint>;
  theirEcdh: CurvePoint;
  theirEcdhBytes: Uint8Array;
  theirDh: bigint;
  brace: Uint8Array;
  /** A new ratchet of theirs was received since we last started one: the next message we send starts one. */
  rotateBeforeSending: boolean;
  /** The current sending ratchet brought a new DH key (its id is a multiple of 3): its messages carry it. */
  sendCarriesDh: boolean;
  /** mac_keys_to_reveal. */
  macKeysToReveal: Uint8Array[];
  readonly skipped: SkippedKeys;
  /** The clock's time when our current ECDH key was made: what session expiration watches. */
  ecdhMadeAt: number;
  closed: boolean;
}

/** Adds MAC keys to reveal, dropping the oldest beyond the bound. */
export function addMacKeysToReveal(state: RatchetState, keys: readonly Uint8Array[]): void {
  const waiting = state.macKeysToReveal;
  for (const key of keys) waiting.push(key);
  // shift() is how V8 drops the first element without moving the rest (left-trimming).
  for (let excess = waiting.length - state.limits.maxReveal; excess > 0; excess--) waiting.shift();
}

/** A ratchet ("brace key") step brings a new DH key every third ratchet: ids 0, 3, 6... */
export function isDhRatchet(ratchetId: number): boolean {
  return ratchetId % 3 === 0;
}
