/**
 * An instance's OTRv4 private session: the double ratchet a completed DAKE
 * started, the buddy's Client Profile and what the host shows of it (the v4
 * fingerprint, the SSID, the v3 key that signed the profile). Sealing and
 * opening go through the ratchet and the v4 Data Message; the TLV records are
 * OTRv3's, with v4's type numbers (verification.ts picks them by version).
 */
import { fingerprint as fingerprintV3 } from '../crypto/dsa';
import type { OtrEnv } from '../crypto/env';
import type { DakeCompletion } from '../v4/dake/completion';
import { fingerprintV4 } from '../v4/fingerprint';
import type { ClientProfile } from '../v4/profile/client-profile';
import { derivedExtraKeys } from '../v4/ratchet/extra-key';
import { initRatchet, type Ratchet } from '../v4/ratchet/ratchet';
import { decodeDataMessage } from '../v4/wire/data-message';
import { TLV4_DISCONNECTED } from '../v4/wire/tlv';
import { WireError } from '../wire/codec';
import { encodeOtrMessage } from '../wire/text-messages';
import { decodePlaintext, encodePlaintext, type Tlv } from '../wire/tlv';

export interface PrivateSessionV4 {
  readonly version: 4;
  readonly ratchet: Ratchet;
  readonly theirProfile: ClientProfile;
  /** The buddy's v4 fingerprint (56 bytes): identity and forging keys. */
  readonly fingerprint: Uint8Array;
  readonly ssid: Uint8Array;
  /** The fingerprint of the OTRv3 key whose transitional signature the buddy's profile carries (checked by validation). */
  readonly transitional: Uint8Array | undefined;
  readonly since: number;
}

export function privateSessionV4(c: DakeCompletion, env: OtrEnv, ourTag: number): PrivateSessionV4 {
  const profile = c.theirProfile;
  return {
    version: 4,
    ratchet: initRatchet(c, env, ourTag),
    theirProfile: profile,
    fingerprint: fingerprintV4(profile.identityKey, profile.forgingKey),
    ssid: c.ssid,
    transitional: profile.dsaKey ? fingerprintV3(profile.dsaKey) : undefined,
    since: env.clock.now(),
  };
}

/** The key the receiver of TLV 7 number `index` among `tlvs` derives: the one a host uses. */
function tlvKey(base: Uint8Array | undefined, tlvs: readonly Tlv[], index = 0): Uint8Array {
  if (!base) throw new Error('no extra symmetric key: the message carries no type 7 TLV');
  const key = derivedExtraKeys(base, tlvs)[index];
  if (!key) throw new Error('no extra symmetric key for that TLV');
  return key;
}

/** One Data Message to the buddy's instance, as "?OTR:…." text (fragmented by the caller). */
export function sealV4(
  p: PrivateSessionV4,
  text: string,
  tlvs: readonly Tlv[],
  flags: number,
): { wire: string; extraKey: () => Uint8Array } {
  const plaintext = encodePlaintext(text, tlvs);
  // TLV 1 ends the session: the message reveals every MAC key left and the keys go ("User requests to end").
  const ending = tlvs.some((t) => t.type === TLV4_DISCONNECTED);
  const sealed = ending ? p.ratchet.end(plaintext, flags) : p.ratchet.seal(plaintext, flags);
  return { wire: encodeOtrMessage(sealed.bytes), extraKey: () => tlvKey(sealed.extraKey, tlvs) };
}

export type OpenedV4 =
  | {
      ok: true;
      flags: number;
      text: string;
      tlvs: Tlv[];
      malformed: string | undefined;
      plaintext: Uint8Array;
      /** The key of the type 7 TLV number `index` (0 = the first) of this message. */
      extraKey: (index?: number) => Uint8Array;
    }
  | { ok: false; reason: string; replay?: true; flags: number };

/** Decodes and opens an encoded v4 Data Message; a refusal changes nothing. */
export function openV4(p: PrivateSessionV4, bytes: Uint8Array): OpenedV4 {
  let flags = 0;
  try {
    const m = decodeDataMessage(bytes);
    flags = m.flags;
    const opened = p.ratchet.open(m);
    if (!opened.ok)
      return opened.replay ? { ...opened, replay: true, flags } : { ok: false, reason: opened.reason, flags };
    const { text, tlvs, malformed } = decodePlaintext(opened.plaintext);
    return {
      ok: true,
      flags,
      text,
      tlvs,
      malformed,
      plaintext: opened.plaintext,
      extraKey: (index = 0) => tlvKey(opened.extraKey, tlvs, index),
    };
  } catch (e) {
    if (e instanceof WireError || e instanceof RangeError) return { ok: false, reason: e.message, flags };
    throw e;
  }
}
