/**
 * The application core: owns accounts and answers the commands of the API
 * contract. It knows nothing of the transport that carries them.
 */
import type { AccountSummary, CommandName, CommandParams, CommandResult, EventName, EventPayload } from '../api/contract';
import type { Logger } from '../log';
import { APP_NAME, APP_VERSION } from '../version';

export type FrontEnd = 'electron' | 'browser' | 'headless';

export interface CoreOptions {
  profileDir: string;
  frontEnd: FrontEnd;
  logger: Logger;
}

export type CoreEventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type CommandHandlers = { [M in CommandName]: (params: CommandParams<M>) => Promise<CommandResult<M>> };

export class SottoCore {
  private readonly listeners = new Set<CoreEventListener>();
  private readonly accounts: AccountSummary[] = [];

  constructor(private readonly options: CoreOptions) {}

  readonly handlers: CommandHandlers = {
    'app.info': async () => ({ name: APP_NAME, version: APP_VERSION, transport: this.options.frontEnd }),
    'account.list': async () => this.accounts.map((a) => ({ ...a })),
  };

  get logger(): Logger {
    return this.options.logger;
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
