/**
 * An in-memory ProtocolAdapter for unit tests of the core's own modules: two
 * linked fakes hand each other what they send. Integration tests use the real
 * adapters against real servers instead.
 */
import type {
  AdapterEvents,
  ConnectionState,
  IncomingMessage,
  ProtocolAdapter,
  RosterEntry,
  SendOptions,
  SendResult,
} from '../../protocols/adapter';
import { TypedEmitter } from '../../protocols/common/typed-emitter';

export interface Sent {
  peer: string;
  body: string;
  options: SendOptions;
}

export class FakeAdapter implements ProtocolAdapter {
  readonly protocol = 'xmpp' as const;
  readonly maxMessageBytes: number;
  readonly stripsTrailingWhitespace: boolean;
  state: ConnectionState = { state: 'online' };
  readonly sent: Sent[] = [];
  private readonly emitter = new TypedEmitter<AdapterEvents>();
  /** Where sent messages go: set by link(). */
  deliver: (msg: IncomingMessage) => void = () => undefined;

  /** Each message takes this long to write, as lines paced for an IRC server do. */
  private readonly writeDelayMs: number;

  constructor(
    readonly accountName: string,
    options: { maxMessageBytes?: number; stripsTrailingWhitespace?: boolean; writeDelayMs?: number } = {},
  ) {
    this.maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
    this.stripsTrailingWhitespace = options.stripsTrailingWhitespace ?? false;
    this.writeDelayMs = options.writeDelayMs ?? 0;
  }

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async sendMessage(peer: string, body: string, options: SendOptions = {}): Promise<SendResult> {
    if (this.writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.writeDelayMs));
    this.sent.push({ peer, body, options });
    this.deliver({ peer: this.accountName, body, time: new Date(), instance: 'fake' });
    return { status: 'sent' };
  }
  async setPresence(): Promise<void> {}
  roster(): RosterEntry[] {
    return [];
  }
  async addBuddy(): Promise<void> {}
  async removeBuddy(): Promise<void> {}
  async answerSubscription(): Promise<void> {}
  async joinGroup(): Promise<void> {}
  async leaveGroup(): Promise<void> {}
  async sendGroupMessage(): Promise<void> {}
  on<E extends keyof AdapterEvents>(event: E, listener: (payload: AdapterEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }
  emit<E extends keyof AdapterEvents>(event: E, payload: AdapterEvents[E]): void {
    this.emitter.emit(event, payload);
  }
}
