/**
 * The OTRv4 double ratchet with the brace key, for one conversation between two
 * instances: what the session holds once the interactive DAKE has completed, until
 * the conversation ends or expires. Pure: randomness, the clock and modular
 * exponentiation come from the OtrEnv.
 *
 * Spec sections: "Key Management" (all of it), "Interactive DAKE Overview"
 * (initialization), "Data Exchange", "When you send a Data Message", "When you receive
 * a Data Message", "Deletion of Stored Message Keys", "Extra Symmetric Key", "Revealing
 * MAC Keys", "Session Expiration", "User requests to end an OTRv4 Conversation".
 */
import type { OtrEnv } from '../../crypto/env';
import type { DakeCompletion } from '../dake/completion';
import type { ReceivedDataMessage } from '../wire/data-message';
import { initRatchetState } from './init';
import { wipe } from './keys';
import { openMessage, type Opened } from './receive';
import { sealMessage, type Sealed } from './send';
import { DEFAULT_RATCHET_LIMITS, type RatchetLimits, type RatchetState } from './state';

export type { Opened } from './receive';
export type { Sealed } from './send';
export { DEFAULT_RATCHET_LIMITS, type RatchetLimits } from './state';

/** The state variables, for the session's decisions and for tests; keys stay inside. */
export interface RatchetCounters {
  readonly i: number;
  readonly j: number;
  readonly k: number;
  readonly pn: number;
  readonly maxRemoteISeen: number;
  readonly storedKeys: number;
  readonly macKeysToReveal: number;
}

export class Ratchet {
  constructor(
    private readonly state: RatchetState,
    private readonly env: OtrEnv,
  ) {}

  /**
   * Encrypts one plaintext (a human-readable part, then optionally a NUL and TLVs) as a
   * Data Message to the other instance. `extraKey` is set when the plaintext carries a
   * type 7 TLV. Throws once the ratchet has ended.
   */
  seal(plaintext: Uint8Array, flags = 0): Sealed {
    return sealMessage(this.state, this.env, plaintext, flags);
  }

  /** Verifies and decrypts a decoded Data Message; a refusal changes nothing. */
  open(message: ReceivedDataMessage): Opened {
    return openMessage(this.state, this.env, message);
  }

  /**
   * The last message ("Session Expiration"; "User requests to end an OTRv4
   * Conversation"): `plaintext` should carry a TLV type 1 (Disconnected). It reveals
   * every MAC key still waiting, and those of the stored keys of messages that never
   * came; then every key is deleted and the state variables reset.
   */
  end(plaintext: Uint8Array, flags = 0): Sealed {
    const sealed = sealMessage(this.state, this.env, plaintext, flags, this.state.skipped.clear());
    this.forget();
    return sealed;
  }

  /** Deletes every key without sending anything (a TLV type 1 received, or the session discarded). */
  forget(): void {
    const s = this.state;
    s.skipped.clear().forEach((key) => wipe(key));
    wipe(s.rootKey, s.chainS, s.chainR, s.brace, ...s.macKeysToReveal);
    s.chainS = undefined;
    s.chainR = undefined;
    s.macKeysToReveal = [];
    s.ourEcdh.secret = undefined;
    s.ourDh.secret = undefined;
    // "Resetting State Variables and Key Variables".
    s.i = s.j = s.k = s.pn = 0;
    s.maxRemoteISeen = -1;
    s.closed = true;
  }

  get ended(): boolean {
    return this.state.closed;
  }

  /** When our current ECDH key was made (the clock's milliseconds): "Session Expiration" watches it. */
  get ecdhMadeAt(): number {
    return this.state.ecdhMadeAt;
  }

  get counters(): RatchetCounters {
    const s = this.state;
    return {
      i: s.i,
      j: s.j,
      k: s.k,
      pn: s.pn,
      maxRemoteISeen: s.maxRemoteISeen,
      storedKeys: s.skipped.size,
      macKeysToReveal: s.macKeysToReveal.length,
    };
  }
}

/**
 * The ratchet of a completed interactive DAKE. `ourTag` is our instance tag; theirs is
 * their Client Profile's. Costs one ECDH and one 3072-bit DH for Alice (the Auth-R
 * sender), twice that plus new keys for Bob.
 */
export function initRatchet(
  completion: DakeCompletion,
  env: OtrEnv,
  ourTag: number,
  limits: RatchetLimits = DEFAULT_RATCHET_LIMITS,
): Ratchet {
  return new Ratchet(initRatchetState(completion, env, ourTag, limits), env);
}
