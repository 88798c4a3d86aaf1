/**
 * Advertising OTR with the whitespace tag (Protocol-v3, "Whitespace tag"), as
 * libotr's otr_offer: tagged plaintext goes out until the buddy answers in
 * plain text, which says their client does not speak OTR; from then on their
 * plain conversation is left alone until ours is ended or restarted.
 */
import type { OtrEvent } from './events';
import { allowedVersions, type OtrPolicy } from './policy';
import { whitespaceTag } from '../wire/text-messages';

export class WhitespaceOffer {
  private open = true;
  private sent = false;

  /** The plain text as it goes: with the tag while the offer stands and the policy wants it. */
  tag(text: string, policy: OtrPolicy, tagFirst: boolean): string {
    if (!policy.sendWhitespaceTag || !this.open) return text;
    this.sent = true;
    const tag = whitespaceTag(allowedVersions(policy));
    return tagFirst ? tag + text : text + tag;
  }

  /** Plain text came back: stop advertising, and say so if we had. */
  answeredInPlaintext(policy: OtrPolicy): OtrEvent[] {
    const declined = this.open && this.sent && policy.sendWhitespaceTag;
    this.open = false;
    return declined ? [{ type: 'offer-declined' }] : [];
  }

  reset(): void {
    this.open = true;
    this.sent = false;
  }
}
