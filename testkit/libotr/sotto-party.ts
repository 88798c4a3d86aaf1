/**
 * Our own engine as a party for `shuttle` (shuttle.ts): a conversation with
 * OpenSSL-backed arithmetic and the system CSPRNG, recording what its user saw.
 * It is built through the OTR library's front door; otr/'s own tests, which
 * look inside the engine, pass `create` with their internal class.
 */
import { createNodeOtrEnv } from '../../app/otr-host/node-env';
import {
  createConversation,
  policyForLevel,
  type ConversationOptions,
  type DsaPrivateKey,
  type OtrConversation,
  type OtrEvent,
  type PolicyLevel,
  type Received,
} from '../../otr';
import type { OtrParty } from './shuttle';

export interface SottoPartyOptions<C extends OtrConversation> extends Partial<Omit<ConversationOptions, 'policy'>> {
  /** Default: opportunistic. */
  policy?: PolicyLevel;
  /** Builds the engine: createConversation unless given. */
  create?: (options: ConversationOptions) => C;
}

export class SottoParty<C extends OtrConversation = OtrConversation> implements OtrParty {
  readonly conv: C;
  readonly received: Received[] = [];
  readonly events: OtrEvent[] = [];

  constructor(
    readonly name: string,
    key: DsaPrivateKey,
    ourTag: number,
    options: SottoPartyOptions<C> = {},
  ) {
    // Without `create`, C is its default, OtrConversation: what createConversation gives.
    const {
      policy = 'opportunistic',
      create = createConversation as (options: ConversationOptions) => C,
      ...rest
    } = options;
    this.conv = create({
      env: createNodeOtrEnv(),
      ourKey: key,
      ourTag,
      policy: policyForLevel(policy),
      accountName: name,
      ...rest,
    });
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
