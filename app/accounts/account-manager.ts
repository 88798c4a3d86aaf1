/**
 * The user's accounts: added, removed, connected and disconnected here, each
 * behind the one adapter interface. Configuration is saved in accounts.json,
 * passwords in the secret store; connection states are reported as they change.
 */
import { join } from 'node:path';
import {
  AdapterError,
  type ConnectionState,
  type ProtocolAdapter,
  type UntrustedCertificate,
} from '../../protocols/adapter';
import type { AccountParams, AccountState, AccountSummary } from '../api/shapes';
import { UserError } from '../core/errors';
import type { Logger } from '../log';
import { JsonFile } from '../storage/json-file';
import { accountIdFor, accountName, accountsFileSchema, type AccountsFile, type StoredAccount } from './account-config';
import type { SecretStore } from './secret-store';
import { SwitchOrder } from './switch-order';

export type AdapterFactory = (account: StoredAccount, password: string | undefined, logger: Logger) => ProtocolAdapter;

export interface AccountManagerEvents {
  state(accountId: string, state: AccountState, error?: string): void;
  /** A new adapter for the account: the core attaches its OTR layer and listeners. */
  adapter(accountId: string, adapter: ProtocolAdapter): void;
  certificate(accountId: string, certificate: UntrustedCertificate): void;
}

interface Entry {
  config: StoredAccount;
  adapter?: ProtocolAdapter | undefined;
  /** The settings changed while connected: the next connection gets a new adapter. */
  stale?: boolean;
  state: AccountState;
  error?: string;
  order: SwitchOrder;
}

function toAccountState(s: ConnectionState): { state: AccountState; error?: string } {
  switch (s.state) {
    case 'error':
      return { state: 'error', error: s.reason };
    case 'reconnecting':
      return { state: 'reconnecting', error: s.reason };
    default:
      return { state: s.state };
  }
}

export class AccountManager {
  private readonly entries = new Map<string, Entry>();
  private readonly file: JsonFile<AccountsFile>;

  constructor(
    profileDir: string,
    private readonly secrets: SecretStore,
    private readonly createAdapter: AdapterFactory,
    private readonly events: AccountManagerEvents,
    private readonly logger: Logger,
  ) {
    this.file = new JsonFile(join(profileDir, 'accounts.json'), accountsFileSchema, () => ({
      version: 1 as const,
      accounts: [],
    }));
  }

  async load(): Promise<void> {
    const data = await this.file.load();
    for (const config of data.accounts)
      this.entries.set(config.accountId, { config, state: 'offline', order: new SwitchOrder() });
  }

  private save(): Promise<void> {
    return this.file.save({ version: 1, accounts: [...this.entries.values()].map((e) => e.config) });
  }

  /** Throws a UserError naming an account that does not exist. */
  requireAccount(accountId: string): void {
    this.entry(accountId);
  }

  private entry(accountId: string): Entry {
    const e = this.entries.get(accountId);
    if (!e) throw new UserError(`No account ${accountId}`, 'unknown-account');
    return e;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  config(accountId: string): StoredAccount {
    return this.entry(accountId).config;
  }

  adapter(accountId: string): ProtocolAdapter | undefined {
    return this.entries.get(accountId)?.adapter;
  }

  /** The account's adapter when it is online; a UserError saying so otherwise. */
  onlineAdapter(accountId: string): ProtocolAdapter {
    const adapter = this.entry(accountId).adapter;
    if (!adapter || adapter.state.state !== 'online') throw new UserError(`${accountId} is not connected`, 'offline');
    return adapter;
  }

  summary(accountId: string): AccountSummary {
    const e = this.entry(accountId);
    const c = e.config;
    return {
      accountId,
      protocol: c.protocol,
      name: accountName(c),
      state: e.state,
      ...(e.error ? { error: e.error } : {}),
      autoConnect: c.autoConnect,
      ...(c.host ? { host: c.host } : {}),
      ...(c.port ? { port: c.port } : {}),
      tls: c.tls,
    };
  }

  list(): AccountSummary[] {
    return this.ids().map((id) => this.summary(id));
  }

  async add(params: AccountParams): Promise<string> {
    const accountId = accountIdFor(params);
    if (this.entries.has(accountId))
      throw new UserError(`The account ${accountId} already exists`, 'duplicate-account');
    const common = { accountId, autoConnect: params.autoConnect ?? false, trustedCertificates: [] };
    const config: StoredAccount =
      params.protocol === 'xmpp'
        ? {
            ...common,
            protocol: 'xmpp',
            jid: params.jid,
            tls: params.tls ?? 'starttls',
            ...(params.host ? { host: params.host } : {}),
            ...(params.port ? { port: params.port } : {}),
          }
        : {
            ...common,
            protocol: 'irc',
            nick: params.nick,
            host: params.host,
            port: params.port,
            tls: params.tls ?? true,
          };
    // Refuse a configuration the adapter would refuse, before anything is saved.
    this.createAdapter(config, params.password, this.logger);
    this.entries.set(accountId, { config, state: 'offline', order: new SwitchOrder() });
    try {
      await this.save();
      if (params.password !== undefined) await this.secrets.set(accountId, params.password);
    } catch (err) {
      this.entries.delete(accountId);
      throw err;
    }
    return accountId;
  }

  async update(accountId: string, change: (config: StoredAccount) => StoredAccount): Promise<void> {
    const e = this.entry(accountId);
    e.config = change(e.config);
    await this.save();
    // The next connection uses the new settings. A connection that is up stays up,
    // attached to the account, and is replaced once it ends.
    if (e.adapter && e.adapter.state.state !== 'online' && e.adapter.state.state !== 'reconnecting')
      e.adapter = undefined;
    else if (e.adapter) e.stale = true;
  }

  async remove(accountId: string): Promise<void> {
    await this.disconnect(accountId);
    this.entries.delete(accountId);
    await this.save();
    await this.secrets.delete(accountId);
  }

  private setState(accountId: string, state: AccountState, error?: string): void {
    const e = this.entries.get(accountId);
    if (!e) return;
    if (e.state === state && e.error === error) return;
    e.state = state;
    if (error === undefined) delete e.error;
    else e.error = error;
    this.events.state(accountId, state, error);
  }

  private async ensureAdapter(accountId: string): Promise<ProtocolAdapter> {
    const e = this.entry(accountId);
    if (e.adapter) return e.adapter;
    const password = await this.secrets.get(accountId);
    // Another connect may have made one while the password was read: two would both connect.
    if (e.adapter) return e.adapter;
    let adapter: ProtocolAdapter;
    try {
      adapter = this.createAdapter(e.config, password, this.logger);
    } catch (err) {
      throw new UserError(err instanceof AdapterError ? err.message : `Cannot set up ${accountId}`, 'config');
    }
    e.adapter = adapter;
    adapter.on('state', (s) => {
      if (e.adapter !== adapter) return;
      const { state, error } = toAccountState(s);
      this.setState(accountId, state, error);
    });
    adapter.on('certificate', (c) => this.events.certificate(accountId, c));
    this.events.adapter(accountId, adapter);
    return adapter;
  }

  /**
   * Resolves once the account is online; rejects with the reason, written for the user.
   * Connects after the disconnects asked for before it (switch-order.ts); one asked for
   * after it cancels it. `prepare` runs first, once this connect has its place in line.
   */
  async connect(accountId: string, prepare?: () => Promise<void>): Promise<AccountState> {
    const turn = this.entry(accountId).order.start();
    const cancelled = () => new UserError('Disconnected before the connection was made.', 'network');
    await prepare?.();
    await turn.ready();
    if (!turn.current()) throw cancelled();
    const adapter = await this.ensureAdapter(accountId);
    if (!turn.current()) throw cancelled();
    try {
      await adapter.connect();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      // Cancelled by a later disconnect: the account's state is that one's to say.
      if (turn.current()) this.setState(accountId, 'error', reason);
      throw new UserError(reason, err instanceof AdapterError ? err.kind : 'connect');
    }
    this.setState(accountId, 'online');
    return 'online';
  }

  async disconnect(accountId: string): Promise<AccountState> {
    const e = this.entry(accountId);
    await e.order.stop(async () => {
      const adapter = e.adapter;
      if (adapter) await adapter.disconnect();
      if (e.stale && e.adapter === adapter) {
        e.adapter = undefined;
        e.stale = false;
      }
      // Said before a connect waiting for this disconnect starts, never after it.
      this.setState(accountId, 'offline');
    });
    return 'offline';
  }

  async acceptCertificate(accountId: string, fingerprint: string): Promise<void> {
    await this.update(accountId, (c) => ({
      ...c,
      trustedCertificates: [...new Set([...c.trustedCertificates, fingerprint])],
    }));
  }

  /** Connects every account marked to connect at start; failures are reported as states, not thrown. */
  async autoConnect(): Promise<void> {
    await Promise.all(
      [...this.entries.values()]
        .filter((e) => e.config.autoConnect)
        .map((e) =>
          this.connect(e.config.accountId).catch((err: unknown) =>
            this.logger.log('warn', `auto-connect ${e.config.accountId}: ${(err as Error).message}`),
          ),
        ),
    );
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.adapter?.disconnect().catch(() => undefined)));
  }
}
