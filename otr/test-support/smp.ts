/**
 * Helpers for SMP tests: acting and delivering in one call, and a tap on the
 * SMP TLVs a party sends, to corrupt them on the way. A private pair whose
 * arithmetic is OpenSSL's needs app/, so it is in testkit/smp-env.ts.
 */
import type { Conversation } from '../session/conversation';
import type { Outcome } from '../session/conversation-types';
import type { OtrEvent } from '../session/events';
import { isSmpTlvType } from '../smp/smp-messages';
import type { Tlv } from '../wire/tlv';
import { deliver, type Party } from './pair';

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
export function tapSmp(
  party: { conv: Conversation },
  rewrite: (tlv: Tlv) => Tlv = (t) => t,
): { seen: Tlv[]; untap: () => void } {
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
