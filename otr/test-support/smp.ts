/**
 * Helpers for SMP tests: a private alice/bob pair whose arithmetic is OpenSSL's
 * (the randomness stays seeded, so runs are repeatable; BigInt exponentiation
 * would make every SMP cost a third of a second), acting and delivering in one
 * call, and a tap on the SMP TLVs a party sends, to corrupt them on the way.
 */
import { createOpensslModPow } from '../../app/otr-host/openssl-modpow';
import type { OtrEnv } from '../crypto/env';
import type { Conversation, Outcome } from '../session/conversation';
import type { OtrEvent } from '../session/events';
import { isSmpTlvType } from '../smp/smp-messages';
import type { Tlv } from '../wire/tlv';
import { ManualClock, testEnv } from './fixtures';
import { deliver, makePair, startOtr, type Party } from './pair';

export function fastEnv(seed: string, clock = new ManualClock()): OtrEnv & { clock: ManualClock } {
  return { ...testEnv(seed, clock), math: createOpensslModPow() };
}

/** alice and bob, private with each other (OTR v3, manual policy). */
export function privatePair(seed = '') {
  const clock = new ManualClock();
  const { alice, bob } = makePair('manual', { env: fastEnv(`alice${seed}`, clock) }, { env: fastEnv(`bob${seed}`, clock) });
  startOtr(alice, bob);
  return { alice, bob, clock };
}

/** Records what `from`'s user saw of its own action, then delivers what it sent, and every reply. */
export function act(from: Party, to: Party, outcome: Outcome): Outcome {
  from.events.push(...outcome.events);
  deliver(from, to, outcome.send);
  return outcome;
}

export type SmpSeen = Extract<OtrEvent, { type: 'smp' }>;

export const smpEvents = (p: Party): SmpSeen[] => p.events.filter((e): e is SmpSeen => e.type === 'smp');
export const smpKinds = (p: Party): string[] => smpEvents(p).map((e) => e.kind);

/**
 * From now on, every SMP TLV `party` sends passes through `rewrite` (which may
 * return another TLV); `seen` collects the originals. The data message around
 * it is sealed as usual, so the buddy reads exactly the rewritten TLV.
 */
export function tapSmp(party: { conv: Conversation }, rewrite: (tlv: Tlv) => Tlv = (t) => t): { seen: Tlv[]; untap: () => void } {
  const seen: Tlv[] = [];
  const conv = party.conv;
  const previous = conv.sendTlvs;
  const original = previous.bind(conv);
  const untap = () => {
    conv.sendTlvs = previous;
  };
  conv.sendTlvs = (tag, tlvs, text, flags) =>
    original(
      tag,
      tlvs.map((t) => {
        if (!isSmpTlvType(t.type)) return t;
        seen.push(t);
        return rewrite(t);
      }),
      text,
      flags,
    );
  return { seen, untap };
}
