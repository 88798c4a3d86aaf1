/**
 * One instance of the peer (one login, one instance tag; tag 0 holds version 2
 * and AKEs begun before the peer's tag is known): its message state, its
 * authentication state and, once private, its keys. libotr calls this a child
 * context; the conversation routes messages to it.
 */
import { AUTH_NONE, type AkeCompletion, type AuthState } from '../ake/ake';
import { fingerprint, type DsaPublicKey } from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import type { Symmetric } from '../crypto/primitives';
import { KeyRing } from '../data/key-ring';
import { SMP_IDLE, type SmpState } from '../smp/smp-state';
import { openDataMessage, sealDataMessage } from '../data/data-message';
import type { DataMessage, ProtocolVersion } from '../wire/messages';
import { encodeOtrMessage } from '../wire/text-messages';
import { encodePlaintext, type Tlv } from '../wire/tlv';
import type { DakeCompletion } from '../v4/dake/completion';
import { DAKE_IDLE, type DakeState } from '../v4/dake/dake';
import { SMP_IDLE_V4, type SmpStateV4 } from '../v4/smp/state';
import type { MessageState, OtrEvent } from './events';
import { privateSessionV4, sealV4, type PrivateSessionV4 } from './private-v4';

export interface PrivateSession {
  version: ProtocolVersion;
  ring: KeyRing;
  theirKey: DsaPublicKey;
  fingerprint: Uint8Array;
  ssid: Uint8Array;
  weSentRevealSignature: boolean;
  since: number;
}

export class InstanceSession {
  msgState: MessageState = 'plaintext';
  auth: AuthState = AUTH_NONE;
  /** When the AKE in `auth` began: one that waits longer than the AKE timeout is dropped. */
  authSince = 0;
  /** The OTRv4 DAKE with this login (or, on the master, the one our Identity message began). */
  dake: DakeState = DAKE_IDLE;
  dakeSince = 0;
  /** v4 Data Messages that came before the Auth-I they follow, read once it completes the DAKE. */
  earlyData: Uint8Array[] = [];
  /** Set while encrypted: OTRv3 (or v2) keys, or an OTRv4 double ratchet. */
  private: PrivateSession | PrivateSessionV4 | undefined;
  /** The peer's key of the last private session (its fingerprint; the DSA key for v3), kept after it ends for status and SMP. */
  identity: { version: 2 | 3 | 4; fingerprint: Uint8Array; transitional?: Uint8Array } | undefined;
  /** When the last data message went out: heartbeats follow a quiet spell. */
  lastSentAt = 0;
  /** When an AKE step or a data message from this login was last accepted (libotr's lastrecv). */
  lastReceivedAt = 0;
  /** The SMP with this instance, of the session's version; back to idle whenever the keys it was bound to go. */
  smp: SmpState | SmpStateV4 = SMP_IDLE;

  constructor(
    readonly theirTag: number,
    private readonly symmetric: Symmetric,
  ) {}

  /** Installs the keys of a completed AKE and returns the event to report. */
  goSecure(c: AkeCompletion, env: OtrEnv): OtrEvent {
    const refreshed = this.msgState === 'encrypted';
    const now = env.clock.now();
    this.private = {
      version: c.version,
      ring: new KeyRing(c, env),
      theirKey: c.theirLongTerm,
      fingerprint: fingerprint(c.theirLongTerm),
      ssid: c.ssid,
      weSentRevealSignature: c.weSentRevealSignature,
      since: now,
    };
    this.msgState = 'encrypted';
    // An SMP under way was bound to the old ssid and could only fail now.
    this.smp = SMP_IDLE;
    this.identity = { version: c.version, fingerprint: this.private.fingerprint };
    return {
      type: 'gone-secure',
      instanceTag: this.theirTag,
      version: c.version,
      theirKey: c.theirLongTerm,
      fingerprint: this.private.fingerprint,
      ssid: c.ssid,
      weSentRevealSignature: c.weSentRevealSignature,
      refreshed,
    };
  }

  /** Installs the double ratchet of a completed OTRv4 DAKE and returns the event to report. */
  goSecureV4(c: DakeCompletion, env: OtrEnv, ourTag: number): OtrEvent {
    const refreshed = this.msgState === 'encrypted';
    if (this.private?.version === 4) this.private.ratchet.forget();
    const p = privateSessionV4(c, env, ourTag);
    this.private = p;
    this.msgState = 'encrypted';
    this.smp = SMP_IDLE_V4;
    this.dake = DAKE_IDLE;
    this.identity = {
      version: 4,
      fingerprint: p.fingerprint,
      ...(p.transitional ? { transitional: p.transitional } : {}),
    };
    return {
      type: 'gone-secure',
      instanceTag: this.theirTag,
      version: 4,
      fingerprint: p.fingerprint,
      ssid: p.ssid,
      weSentRevealSignature: c.role === 'auth-i-sender',
      refreshed,
      ...(p.transitional ? { transitional: p.transitional } : {}),
    };
  }

  /** Encrypts one data message to this instance; only valid while encrypted. */
  seal(
    ourTag: number,
    text: string,
    tlvs: readonly Tlv[],
    flags: number,
    now: number,
  ): { wire: string; extraKey: () => Uint8Array } {
    const p = this.private;
    if (this.msgState !== 'encrypted' || !p) throw new Error('seal() outside an encrypted session');
    this.lastSentAt = now;
    if (p.version === 4) return sealV4(p, text, tlvs, flags);
    const header = {
      version: p.version,
      senderTag: p.version === 3 ? ourTag : 0,
      receiverTag: p.version === 3 ? this.theirTag : 0,
    };
    const sealed = sealDataMessage(p.ring, header, encodePlaintext(text, tlvs), flags, this.symmetric);
    // The extra key costs a SHA-256: only a TLV 8 sender asks for it.
    return { wire: encodeOtrMessage(sealed.bytes), extraKey: () => KeyRing.extraSymmetricKey(sealed.keys) };
  }

  open(
    m: DataMessage,
    authenticated: Uint8Array,
  ): { ok: true; plaintext: Uint8Array; extraKey: () => Uint8Array } | { ok: false; reason: string; replay?: true } {
    const p = this.private;
    if (this.msgState !== 'encrypted' || !p) return { ok: false, reason: 'no private conversation is running' };
    if (p.version === 4 || m.version !== p.version)
      return { ok: false, reason: 'it uses another protocol version than this conversation' };
    const opened = openDataMessage(p.ring, m, authenticated, this.symmetric);
    if (!opened.ok) return opened;
    return { ok: true, plaintext: opened.plaintext, extraKey: () => KeyRing.extraSymmetricKey(opened.keys) };
  }

  /** The peer sent TLV 1: keys are forgotten, nothing more is sent until the user acts. */
  finish(): void {
    this.msgState = 'finished';
    this.forgetKeys();
  }

  toPlaintext(): void {
    this.msgState = 'plaintext';
    this.forgetKeys();
    this.auth = AUTH_NONE;
    this.dake = DAKE_IDLE;
    this.earlyData = [];
  }

  private forgetKeys(): void {
    if (this.private?.version === 4) this.private.ratchet.forget();
    this.private = undefined;
    this.smp = SMP_IDLE;
  }
}
