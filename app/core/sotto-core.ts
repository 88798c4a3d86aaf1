/**
 * The application core: accounts, their OTR layers, buddies, conversations and
 * settings, answering the commands of the API contract (app/core/handlers/) and
 * reporting its events. It knows nothing of the transport that carries them.
 */
import { join } from 'node:path';
import { FragmentBudget, type OtrEnv } from '../../otr';
import type { ProtocolAdapter } from '../../protocols/adapter';
import { AccountManager, type AdapterFactory } from '../accounts/account-manager';
import { PROFILE_SECRETS_WARNING, profileFileSecretStore, type SecretStore } from '../accounts/secret-store';
import type { EventName, EventPayload } from '../api/contract';
import { BuddyBook } from '../buddies/buddy-book';
import { ConversationLog } from '../conversations/conversation-log';
import { ConversationHistory, type ConversationLine } from '../conversations/lines';
import type { Logger } from '../log';
import { createNodeOtrEnv } from '../otr-host/node-env';
import type { LineOutcome, OtrIdentity, OtrLayer } from '../otr-host/otr-layer';
import { SettingsStore } from '../settings/settings-store';
import { wireAdapter, type AdapterHost } from './adapter-events';
import { conversationKey, type CommandHandlers, type CoreContext, type FrontEnd, type NewLine } from './core-context';
import { UserError } from './errors';
import { accountHandlers } from './handlers/account-handlers';
import { buddyHandlers } from './handlers/buddy-handlers';
import { conversationHandlers } from './handlers/conversation-handlers';
import { otrHandlers } from './handlers/otr-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import type { IdentityProvider } from './identity-provider';

export type { CommandHandlers, FrontEnd } from './core-context';
export type { IdentityProvider } from './identity-provider';

export interface CoreOptions {
  profileDir: string;
  frontEnd: FrontEnd;
  logger: Logger;
  adapterFactory: AdapterFactory;
  identities: IdentityProvider;
  secrets?: SecretStore;
  env?: OtrEnv;
  /** How often OTR timeouts are checked; tests shorten it. */
  tickMs?: number;
}

export type CoreEventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export class SottoCore implements CoreContext, AdapterHost {
  private readonly listeners = new Set<CoreEventListener>();
  readonly accounts: AccountManager;
  readonly settings: SettingsStore;
  readonly history = new ConversationHistory();
  readonly buddies = new BuddyBook();
  /** Lines of messages held for OTR: logged, as private, once sent or given up. */
  private readonly heldForOtr = new Set<number>();
  /** Partial OTR fragments of every conversation of every account, bounded together. */
  readonly fragmentBudget = new FragmentBudget();
  readonly secrets: SecretStore;
  readonly identities: IdentityProvider;
  readonly handlers: CommandHandlers;
  private readonly layers = new Map<string, OtrLayer>();
  private readonly loaded = new Map<string, OtrIdentity>();
  private readonly groups = new Set<string>();
  readonly env: OtrEnv;
  private readonly log: ConversationLog;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: CoreOptions) {
    this.secrets = options.secrets ?? profileFileSecretStore(options.profileDir);
    this.identities = options.identities;
    this.env = options.env ?? createNodeOtrEnv();
    this.settings = new SettingsStore(options.profileDir);
    this.log = new ConversationLog(join(options.profileDir, 'logs'), {
      plaintext: () => this.settings.logsPlaintext,
      privateFor: (accountId, peer) => this.settings.logsOtr(accountId, peer),
    });
    this.accounts = new AccountManager(
      options.profileDir,
      this.secrets,
      options.adapterFactory,
      {
        state: (accountId, state, error) => {
          this.emit('account.state', { accountId, state, ...(error ? { error } : {}) });
          if (state !== 'online') for (const b of this.buddies.accountOffline(accountId)) this.emit('buddy.updated', b);
        },
        adapter: (accountId, adapter) => this.attach(accountId, adapter),
        certificate: (accountId, c) => this.emit('account.certificate', { accountId, ...c }),
      },
      options.logger,
    );
    this.handlers = {
      ...accountHandlers(this),
      ...buddyHandlers(this),
      ...conversationHandlers(this, this.groups),
      ...otrHandlers(this, (a, p) => this.emitOtrState(a, p)),
      ...profileHandlers(this),
    };
  }

  get frontEnd(): FrontEnd {
    return this.options.frontEnd;
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** Loads the profile and connects the accounts marked for it. */
  async start(): Promise<void> {
    await this.settings.load();
    await this.accounts.load();
    if (this.secrets.kind === 'profile-file') this.logger.log('warn', PROFILE_SECRETS_WARNING);
    this.ticker = setInterval(() => {
      for (const layer of this.layers.values())
        void layer.tick().catch((err: unknown) => this.logger.log('error', `otr tick: ${(err as Error).message}`));
    }, this.options.tickMs ?? 1000);
    this.ticker.unref();
    void this.connectAutomatically();
  }

  private async connectAutomatically(): Promise<void> {
    for (const id of this.accounts.ids()) {
      if (!this.accounts.config(id).autoConnect) continue;
      await this.handlers['account.connect']({ accountId: id }).catch((err: unknown) =>
        this.logger.log('warn', `auto-connect ${id}: ${(err as Error).message}`),
      );
    }
  }

  async loadIdentity(accountId: string): Promise<void> {
    this.accounts.requireAccount(accountId);
    if (!this.loaded.has(accountId)) this.loaded.set(accountId, await this.identities.identity(accountId));
  }

  forgetAccount(accountId: string): void {
    this.layers.delete(accountId);
    this.loaded.delete(accountId);
    this.buddies.forgetAccount(accountId);
  }

  layer(accountId: string): OtrLayer {
    this.accounts.requireAccount(accountId);
    const layer = this.layers.get(accountId);
    if (!layer) throw new UserError(`${accountId} is not connected`, 'offline');
    return layer;
  }

  addLine(accountId: string, peer: string, line: NewLine, options: { heldForOtr?: boolean } = {}): ConversationLine {
    const full = this.history.add(conversationKey(accountId, peer), { time: Date.now(), ...line });
    this.emit('conversation.line', { accountId, peer, line: full });
    if (options.heldForOtr) this.heldForOtr.add(full.id);
    else this.writeLog(accountId, peer, full, full.encrypted);
    return full;
  }

  newLineId(): number {
    return this.history.reserveId();
  }

  /** The fate of lines of the user's became known (see OtrLayerEvents.lines). */
  updateLines(accountId: string, peer: string, ids: number[], outcome: LineOutcome): void {
    for (const id of ids) {
      const line = this.history.update(conversationKey(accountId, peer), id, outcome);
      if (!line) continue;
      this.emit('conversation.line', { accountId, peer, line });
      if (outcome.status !== 'queued' && this.heldForOtr.delete(id)) this.writeLog(accountId, peer, line, true);
    }
  }

  private writeLog(accountId: string, peer: string, line: ConversationLine, isPrivate: boolean): void {
    if (!this.log.wants(accountId, peer, isPrivate)) return;
    void this.log
      .write(accountId, peer, line, isPrivate)
      .catch((err: unknown) => this.logger.log('error', `conversation log: ${(err as Error).message}`));
  }

  emitOtrState(accountId: string, peer: string): void {
    const layer = this.layers.get(accountId);
    if (!layer) return;
    const s = layer.status(peer);
    this.emit('otr.state', {
      accountId,
      peer,
      state: s.state,
      verified: s.verified,
      keyChanged: s.keyChanged,
      ...(s.fingerprint ? { fingerprint: s.fingerprint } : {}),
      ...(s.version ? { version: s.version } : {}),
    });
  }

  /** A new adapter for an account: its OTR layer and everything it reports (adapter-events.ts). */
  private attach(accountId: string, adapter: ProtocolAdapter): void {
    const identity = this.loaded.get(accountId);
    if (!identity) throw new Error(`no identity loaded for ${accountId}`);
    this.layers.set(accountId, wireAdapter(this, accountId, adapter, identity));
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.accounts.closeAll();
    this.listeners.clear();
  }
}
