/**
 * Key management of the data phase (Protocol-v3, "Key Management"): our two most
 * recent D-H key pairs and their two most recent public keys, the session keys
 * of each pairing, per-pairing counters, and the MAC keys to reveal once the
 * D-H keys that produced them are forgotten (this is what makes transcripts
 * forgeable afterwards, and OTR deniable).
 *
 * Each D-H key pair and each shared secret is computed once, when first needed:
 * our next key is generated only when a message must announce it.
 */
import { concatBytes } from '../bytes';
import { bigintToBytes, bytesToBigint } from '../crypto/bigint';
import { dhSharedSecret, generateDhKeyPair, isValidGroupElementBytes, type DhKeyPair } from '../crypto/dh-group';
import type { OtrEnv } from '../crypto/env';
import { sha1Hash } from '../crypto/primitives';
import { h2, secbytes } from '../ake/ake-keys';
import type { AkeCompletion } from '../ake/ake';

export interface SessionKeys {
  secbytes: Uint8Array;
  sendAes: Uint8Array;
  sendMac: Uint8Array;
  recvAes: Uint8Array;
  recvMac: Uint8Array;
  /** The last counter top half we sent with this pairing. */
  sendCounter: bigint;
  /** The last counter top half we accepted with this pairing. */
  recvCounter: bigint;
  /** Only MAC keys that verified a message are revealed. */
  recvMacUsed: boolean;
}

const pairKey = (ourId: number, theirId: number) => `${ourId}:${theirId}`;

function deriveSessionKeys(ours: DhKeyPair, theirs: bigint, env: OtrEnv): SessionKeys {
  const sec = secbytes(dhSharedSecret(ours, theirs, env.math));
  const high = ours.pub > theirs;
  const h1 = (b: number) => sha1Hash(concatBytes(Uint8Array.of(b), sec));
  const sendAes = h1(high ? 0x01 : 0x02).slice(0, 16);
  const recvAes = h1(high ? 0x02 : 0x01).slice(0, 16);
  return {
    secbytes: sec,
    sendAes,
    sendMac: sha1Hash(sendAes),
    recvAes,
    recvMac: sha1Hash(recvAes),
    sendCounter: 0n,
    recvCounter: 0n,
    recvMacUsed: false,
  };
}

export class KeyRing {
  /** Key id of our most recent key (announced, perhaps not yet generated). */
  private ourKeyId: number;
  private readonly ourKeys = new Map<number, DhKeyPair>();
  private theirKeyId: number;
  private readonly theirKeys = new Map<number, bigint>();
  private readonly sessions = new Map<string, SessionKeys>();
  private macKeysToReveal: Uint8Array[] = [];
  private ourPublicBytes: { id: number; bytes: Uint8Array } | undefined;

  constructor(
    ake: AkeCompletion,
    private readonly env: OtrEnv,
  ) {
    this.ourKeys.set(ake.ourKeyId, ake.ours);
    this.ourKeyId = ake.ourKeyId + 1;
    this.theirKeyId = ake.theirKeyId;
    this.theirKeys.set(ake.theirKeyId, ake.theirPub);
  }

  private ourKey(id: number): DhKeyPair | undefined {
    let key = this.ourKeys.get(id);
    if (!key && id === this.ourKeyId) {
      key = generateDhKeyPair(this.env.random, this.env.math);
      this.ourKeys.set(id, key);
    }
    return key;
  }

  private session(ourId: number, theirId: number): SessionKeys | undefined {
    const id = pairKey(ourId, theirId);
    let s = this.sessions.get(id);
    if (s) return s;
    const ours = this.ourKey(ourId);
    const theirs = this.theirKeys.get(theirId);
    if (!ours || theirs === undefined) return undefined;
    s = deriveSessionKeys(ours, theirs, this.env);
    this.sessions.set(id, s);
    return s;
  }

  /** Keys, ids and the next public key for one outgoing message; advances its counter. */
  nextSend(): {
    senderKeyId: number;
    recipientKeyId: number;
    nextDh: Uint8Array;
    counter: bigint;
    keys: SessionKeys;
    oldMacKeys: Uint8Array;
  } {
    const senderKeyId = this.ourKeyId - 1;
    const recipientKeyId = this.theirKeyId;
    const keys = this.session(senderKeyId, recipientKeyId);
    const next = this.ourKey(this.ourKeyId);
    if (!keys || !next) throw new Error('key ring lost its current keys');
    keys.sendCounter += 1n;
    const oldMacKeys = concatBytes(...this.macKeysToReveal);
    this.macKeysToReveal = [];
    return {
      senderKeyId,
      recipientKeyId,
      nextDh: this.publicBytes(this.ourKeyId, next),
      counter: keys.sendCounter,
      keys,
      oldMacKeys,
    };
  }

  /** Our public key's MPI bytes, encoded once per key rather than once per message. */
  private publicBytes(id: number, key: DhKeyPair): Uint8Array {
    if (this.ourPublicBytes?.id !== id) this.ourPublicBytes = { id, bytes: bigintToBytes(key.pub) };
    return this.ourPublicBytes.bytes;
  }

  /**
   * The session keys for a received message's key ids, or why there are none.
   * Only the most recent and the previous key of each side are accepted.
   */
  receiveKeys(senderKeyId: number, recipientKeyId: number): SessionKeys | string {
    if (senderKeyId === 0 || recipientKeyId === 0) return 'a key id of 0';
    if (recipientKeyId !== this.ourKeyId && recipientKeyId !== this.ourKeyId - 1)
      return 'our key it names is not current';
    if (senderKeyId !== this.theirKeyId && senderKeyId !== this.theirKeyId - 1)
      return 'their key it names is not current';
    if (!this.theirKeys.has(senderKeyId)) return 'their previous key is unknown';
    if (recipientKeyId === this.ourKeyId && !this.ourKeys.has(recipientKeyId))
      return 'it names a key we never announced';
    return this.session(recipientKeyId, senderKeyId) ?? 'no keys for that pairing';
  }

  /** After a message verified and decrypted: rotate keys as the spec says. */
  acceptReceived(senderKeyId: number, recipientKeyId: number, nextDh: Uint8Array): void {
    if (recipientKeyId === this.ourKeyId) {
      // They have seen our newest key: forget the previous one and start a new one (lazily).
      this.forgetOurKey(this.ourKeyId - 1);
      this.ourKeyId += 1;
    }
    if (senderKeyId === this.theirKeyId && isValidGroupElementBytes(nextDh)) {
      this.theirKeyId += 1;
      this.theirKeys.set(this.theirKeyId, bytesToBigint(nextDh));
      this.forgetTheirKey(this.theirKeyId - 2);
    }
  }

  private retire(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    if (s.recvMacUsed) this.macKeysToReveal.push(s.recvMac);
    this.sessions.delete(id);
  }

  private forgetOurKey(id: number): void {
    for (const theirId of this.theirKeys.keys()) this.retire(pairKey(id, theirId));
    this.ourKeys.delete(id);
  }

  private forgetTheirKey(id: number): void {
    if (!this.theirKeys.has(id)) return;
    for (const ourId of this.ourKeys.keys()) this.retire(pairKey(ourId, id));
    this.theirKeys.delete(id);
  }

  /** The extra symmetric key of a pairing (Protocol-v3, "Extra symmetric key"). */
  static extraSymmetricKey(keys: SessionKeys): Uint8Array {
    return h2(0xff, keys.secbytes);
  }
}
