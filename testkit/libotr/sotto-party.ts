/**
 * Our own engine as a party for `shuttle` (peer.ts): a Conversation with
 * OpenSSL-backed arithmetic and the system CSPRNG, recording what its user saw.
 */
import { createNodeOtrEnv } from '../../app/otr-host/node-env';
import type { DsaPrivateKey } from '../../otr/crypto/dsa';
import { Conversation, type ConversationOptions, type Received } from '../../otr/session/conversation';
import type { OtrEvent } from '../../otr/session/events';
import { policyForLevel, type PolicyLevel } from '../../otr/session/policy';
import type { OtrParty } from './peer';

export class SottoParty implements OtrParty {
  readonly conv: Conversation;
  readonly received: Received[] = [];
  readonly events: OtrEvent[] = [];

  constructor(
    readonly name: string,
    key: DsaPrivateKey,
    ourTag: number,
    options: { policy?: PolicyLevel } & Partial<Omit<ConversationOptions, 'policy'>> = {},
  ) {
    const { policy = 'opportunistic', ...rest } = options;
    this.conv = new Conversation({ env: createNodeOtrEnv(), ourKey: key, ourTag, policy: policyForLevel(policy), accountName: name, ...rest });
  }

  async receive(_from: string, wire: string): Promise<{ wire: string[]; plaintext?: string }> {
    const out = this.conv.receive(wire);
    this.events.push(...out.events);
    if (out.received) this.received.push(out.received);
    return { wire: out.send.map((s) => s.text), ...(out.received ? { plaintext: out.received.text } : {}) };
  }

  /** What the user typing `text` puts on the wire. */
  send(text: string, instanceTag?: number): string[] {
    const out = this.conv.send(text, instanceTag === undefined ? {} : { instanceTag });
    this.events.push(...out.events);
    return out.send.map((s) => s.text);
  }

  start(): string[] {
    return this.conv.start().send.map((s) => s.text);
  }

  end(): string[] {
    const out = this.conv.end();
    this.events.push(...out.events);
    return out.send.map((s) => s.text);
  }

  fingerprintHex(): string | undefined {
    const fp = this.conv.status().fingerprint;
    return fp && Buffer.from(fp).toString('hex');
  }
}
